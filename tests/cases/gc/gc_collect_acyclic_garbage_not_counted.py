# Objects freed by reference counting never reach the collector: collect() returns 0.
import gc
gc.disable()
gc.collect()
class Node:
    pass
a = Node()
a.child = Node()
a.child.items = [[1], {'k': [2]}]
del a
print(gc.collect())
l = [[], [[]], {'d': []}]
del l
print(gc.collect())
def make():
    x = [1]
    def f():
        return x
    return f
f = make()
print(f())
del f
print(gc.collect())
