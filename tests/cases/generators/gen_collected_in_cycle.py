# Suspended generators in reference cycles are found and finalized by the collector.
import gc
gc.disable()

class Node:
    pass

def owner(node):
    try:
        yield node
        yield None
    finally:
        print("generator finalized by", "gc" if collecting else "refcount")

collecting = False
n = Node()
n.gen = owner(n)
next(n.gen)
del n
collecting = True
print("collected", gc.collect())
collecting = False

def self_holding():
    me = yield
    yield me
s = self_holding()
next(s)
s.send(s)
print(gc.is_tracked(s))
del s
print("collected", gc.collect())
print(gc.collect())
