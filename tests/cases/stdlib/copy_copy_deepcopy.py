# copy: copy/deepcopy of containers, instances (__dict__, slots, class), cycles, memo, __copy__/__deepcopy__/__reduce__/__getstate__, builtin subclasses, copy.Error
import copy
class P:
    def __init__(self, x): self.x = x; self.l = [x]
a = P(1)
b = copy.copy(a); c = copy.deepcopy(a)
print(type(b).__name__, b.x, b.l is a.l, c.l is a.l, c.l == a.l)
l = [1, [2, 3]]; l.append(l)
m = copy.deepcopy(l)
print(m[2] is m, m[1] is not l[1], m[:2])
class S:
    __slots__ = ('a', 'b')
s = S(); s.a = [1]
s2 = copy.deepcopy(s); print(s2.a, s2.a is s.a, hasattr(s2, 'b'))
class C:
    def __copy__(self): return 'copied'
    def __deepcopy__(self, memo): return ('deep', type(memo).__name__)
print(copy.copy(C()), copy.deepcopy(C()))
class L(list): pass
x = L([1, [2]]); x.tag = 't'
y = copy.deepcopy(x); print(type(y).__name__, y, y.tag, y[1] is x[1])
class I(int): pass
print(copy.copy(I(5)), type(copy.copy(I(5))).__name__)
def g(): yield 1
try: copy.copy(g())
except TypeError as e: print(e)
print(copy.Error.__mro__, copy.error is copy.Error)
class R:
    def __init__(self, v): self.v = v
    def __reduce__(self): return (R, (self.v * 2,))
print(copy.copy(R(2)).v, copy.deepcopy(R(3)).v)
class G:
    def __init__(self): self.a = 1
    def __getstate__(self): return {'a': 10}
    def __setstate__(self, st): self.a = st['a'] + 1
print(copy.copy(G()).a)
d = {'k': [1]}; d2 = copy.deepcopy(d); print(d2, d2['k'] is d['k'])
memo = {}
o = [1]; r = copy.deepcopy([o, o], memo); print(r[0] is r[1], id(o) in memo)
print(copy.copy({1, 2}), copy.deepcopy(frozenset([3])))
class Node:
    def __init__(self, v):
        self.v = v
        self.next = None
n1 = Node(1); n2 = Node(2); n1.next = n2; n2.next = n1
c1 = copy.deepcopy(n1)
print(c1.v, c1.next.v, c1.next.next is c1, c1 is not n1, type(c1) is Node)
tc = ([],); tc[0].append(tc)
tcc = copy.deepcopy(tc); print(tcc is not tc, tcc[0][0] is tcc)
class NoCopy:
    def __reduce_ex__(self, proto):
        raise copy.Error('un(shallow)copyable object of type %s' % type(self))
try:
    copy.copy(NoCopy())
except copy.Error as e:
    print('Error:', e)
print(copy.copy(len) is len, copy.deepcopy(Node) is Node, copy.copy(None), copy.deepcopy(3.5), copy.copy(range(3)))
