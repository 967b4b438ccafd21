# A list, a dict and an instance that each refer to themselves are one unreachable object each.
import gc
gc.disable()
gc.collect()
l = [1, 2]
l.append(l)
del l
print('list', gc.collect())
d = {'a': 1}
d['self'] = d
del d
print('dict', gc.collect())
class Node:
    pass
n = Node()
n.me = n
del n
print('instance', gc.collect())
l = []
l.append(l)
l.append(l)
l.append(l)
del l
print('list with three self references', gc.collect())
print(gc.collect())
