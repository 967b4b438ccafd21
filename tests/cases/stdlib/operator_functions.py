# operator: every operator function, the in-place forms, sequence helpers and their errors, attrgetter/itemgetter/methodcaller with reprs
import operator as op

print(op.add(1, 2), op.sub(5, 3), op.mul(3, 4), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 3), op.pow(2, 10))
print(op.neg(5), op.pos(-5), op.abs(-3), op.inv(5), op.invert(0), op.lshift(1, 4), op.rshift(32, 2))
print(op.and_(12, 10), op.or_(12, 10), op.xor(12, 10), op.not_(0), op.truth([]), op.truth([0]))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1.0), op.ne(1, 2), op.ge(1, 2), op.gt(3, 2))
a = [1]
print(op.is_(a, a), op.is_not(a, [1]), op.contains([1, 2], 2), op.countOf([1, 2, 1, 1.0], 1), op.indexOf('abc', 'c'))
print(op.concat([1], [2]), op.concat('a', 'b'), op.getitem([5, 6], 1), op.getitem('hello', slice(1, 3)))
d = {}
op.setitem(d, 'k', 1); print(d); op.delitem(d, 'k'); print(d)
print(op.index(7), op.index(True), op.length_hint([1, 2, 3]), op.length_hint(object(), 5), op.call(max, 3, 9, key=lambda x: -x))
class Hint:
    def __init__(self, v):
        self.v = v
    def __length_hint__(self):
        return self.v
print(op.length_hint(Hint(4)), op.length_hint(Hint(NotImplemented), 7))
for args in [(Hint('x'),), (Hint(-1),), ([], 'a')]:
    try:
        op.length_hint(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for f, args in [(op.concat, (1, 2)), (op.iconcat, (1, [2])), (op.index, (1.5,)), (op.indexOf, ([1], 2)), (op.add, (1, 'a')), (op.truediv, (1, 0))]:
    try:
        f(*args)
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

l = [1]
print(op.iadd(l, [2]) is l, l, op.iconcat(l, [3]), op.imul([0], 3), op.iadd(1, 2), op.isub(5, 2), op.imul(2, 3))
print(op.itruediv(7, 2), op.ifloordiv(7, 2), op.imod(7, 4), op.ipow(3, 3), op.ilshift(1, 3), op.irshift(16, 2), op.iand(6, 3), op.ior(6, 3), op.ixor(6, 3))
s = {1, 2}
print(op.ior(s, {3}) is s, s, op.iand({1, 2}, {2}), op.isub({1, 2}, {1}))
class M:
    def __matmul__(self, other):
        return 'matmul'
    def __imatmul__(self, other):
        return 'imatmul'
print(op.matmul(M(), 1), op.imatmul(M(), 1), op.__add__(1, 1), op.__not__(1))

class P:
    def __init__(self, **kw):
        self.__dict__.update(kw)
pt = P(x=1, y=2, inner=P(z=3))
g = op.attrgetter('x')
print(g(pt), op.attrgetter('x', 'inner.z')(pt), repr(g), repr(op.attrgetter('x', 'inner.z')))
ig = op.itemgetter(1)
print(ig('abc'), op.itemgetter(0, 2)('abc'), op.itemgetter('k')({'k': 9}), repr(ig), repr(op.itemgetter(0, slice(1, 2))))
mc = op.methodcaller('split', ',', maxsplit=1)
print(mc('a,b,c'), repr(mc), repr(op.methodcaller('upper')), op.methodcaller('upper')('x'))
for f, args in [(op.attrgetter, ()), (op.attrgetter, (1,)), (op.itemgetter, ()), (op.methodcaller, ()), (op.methodcaller, (1,))]:
    try:
        f(*args)
    except TypeError as e:
        print(f.__name__, e)
try:
    op.attrgetter('missing')(pt)
except AttributeError as e:
    print(e)
try:
    op.itemgetter(5)([1])
except IndexError as e:
    print(e)
print(sorted([(1, 'b'), (0, 'c'), (1, 'a')], key=op.itemgetter(1)), type(ig).__name__, type(mc).__name__, type(g).__name__)
