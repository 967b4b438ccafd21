# Reading obj.__dict__ gives the instance a real dict object, which is then counted in its cycle.
import gc
gc.disable()
gc.collect()
class Node:
    pass
a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print('no __dict__ read', gc.collect())
a = Node()
b = Node()
a.other = b
b.other = a
print(sorted(a.__dict__.keys()))
del a, b
print('one __dict__ read', gc.collect())
a = Node()
b = Node()
a.other = b
b.other = a
print(len(a.__dict__), len(b.__dict__))
del a, b
print('both __dict__ read', gc.collect())
