# gc.collect() finds a cycle of two plain instances and returns 2; a second collect finds nothing.
import gc
gc.disable()
gc.collect()
class Node:
    pass
a = Node()
b = Node()
a.other = b
b.other = a
print(gc.collect())
del a
print(gc.collect())
del b
print(gc.collect())
print(gc.collect())
