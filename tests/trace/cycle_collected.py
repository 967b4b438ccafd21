# A cycle of two instances with finalizers, found and freed by gc.collect().
import gc
gc.disable()
class Node:
    def __del__(self):
        pass
a = Node()
b = Node()
a.other = b
b.other = a
del a, b
n = gc.collect()
