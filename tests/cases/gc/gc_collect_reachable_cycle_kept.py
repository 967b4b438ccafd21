# A cycle still reachable from a live variable survives collections intact; once released it is found.
import gc
gc.disable()
gc.collect()
class Node:
    def __init__(self, name):
        self.name = name
a = Node('a')
b = Node('b')
a.other = b
b.other = a
holder = [a]
del a, b
print(gc.collect(), gc.collect(0), gc.collect(1), gc.collect(2))
print(holder[0].name, holder[0].other.name, holder[0].other.other is holder[0])
holder.append(holder)
print(gc.collect())
del holder
print('released', gc.collect())
