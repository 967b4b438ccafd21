# A weakref callback that runs during a collection and gives the garbage's class a __del__: the finalizer still runs on the garbage, once; a collection without any __del__ or callback finds the same counts
import gc
import weakref


class Target:
    pass


class Node:
    pass


def callback(ref):
    print("callback: referent gone:", ref() is None)
    Node.__del__ = lambda self: print("del of node", self.name)


gc.disable()
gc.collect()
keep = Target()
t = Target()
a = Node()
a.name = "a"
b = Node()
b.name = "b"
a.other = b
b.other = a
a.t = t
t.owner = a
wr = weakref.ref(t, callback)
del a, b, t
print("collected:", gc.collect())
print("second:", gc.collect())

# No callback and no __del__: the unreachable set is found once.
class Plain:
    pass


for n in range(1, 4):
    objs = [Plain() for _ in range(n)]
    for i, o in enumerate(objs):
        o.next = objs[(i + 1) % n]
    del objs, o
    print("plain ring of", n, "->", gc.collect())
gc.enable()
