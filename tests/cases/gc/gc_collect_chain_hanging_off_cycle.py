# Acyclic containers reachable only from a garbage cycle are unreachable too and are counted.
import gc
gc.disable()
gc.collect()
class Node:
    pass
a = Node()
b = Node()
a.other = b
b.other = a
a.chain = [[[1, 2]]]
print(gc.collect())
del a, b
print('cycle of 2 with a chain of 3 lists', gc.collect())
a = Node()
a.me = a
a.data = {'x': [1], 'y': (2, [3])}
del a
print('self cycle with dict, 2 lists and a tuple', gc.collect())
print(gc.collect())
