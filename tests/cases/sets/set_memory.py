# Sets and the memory system: a cycle through a set is collected, weak references to sets and subclasses, refcounts of items, gc tracking and referents.
import gc
import sys
import weakref

class Node:
    pass

gc.collect()
n = Node()
s = {n}
n.owner = s
r = weakref.ref(s)
print(r() is s, gc.is_tracked(s), gc.is_tracked(frozenset()), len(gc.get_referents(s)))
del n, s
print(r() is not None)
print(gc.collect(), r())

f = frozenset([1, 2])
rf = weakref.ref(f)
print(rf() is f)
del f
print(rf())

class S(set):
    pass
sub = S([1])
rs = weakref.ref(sub)
sub.attr = 'kept'
print(rs() is sub, sub.attr, sub)
del sub
print(rs())

o = object()
base = sys.getrefcount(o)
t = set()
t.add(o)
print(sys.getrefcount(o) - base)
t.add(o)
print(sys.getrefcount(o) - base)
u = t.copy()
print(sys.getrefcount(o) - base)
t.discard(o)
print(sys.getrefcount(o) - base)
del u
print(sys.getrefcount(o) - base)
t.add(o)
t.clear()
print(sys.getrefcount(o) - base)
t.add(o)
t.pop()
print(sys.getrefcount(o) - base)
v = {o, 1, 2}
v |= {o, 3}
w = v & {o}
print(sys.getrefcount(o) - base, len(w))
del v, w
print(sys.getrefcount(o) - base)
it = iter({o})
print(sys.getrefcount(o) - base)
print(next(it) is o)
print(sys.getrefcount(o) - base)
del it
print(sys.getrefcount(o) - base)

cont = set()
refs = sys.getrefcount(cont)
it = iter(cont)
print(sys.getrefcount(cont) - refs)
print(list(it), sys.getrefcount(cont) - refs)

loop = set()
holder = Node()
holder.s = loop
loop.add(holder)
holder.again = frozenset([holder])
wr = weakref.ref(holder)
del loop, holder
print(gc.collect() > 0, wr())
print(sys.getsizeof(set()) == sys.getsizeof(set([1, 2])), sys.getsizeof(set(range(100))) > sys.getsizeof(set()))
