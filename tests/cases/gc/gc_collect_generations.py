# collect(0) promotes survivors: a cycle that became garbage in generation 1 needs collect(1), in generation 2 needs collect(2).
import gc
gc.disable()
gc.collect()
class Node:
    pass
def make_cycle():
    a = Node()
    b = Node()
    a.other = b
    b.other = a
    return a
x = make_cycle()
del x
print('young garbage', gc.collect(0))
x = make_cycle()
print('survivor', gc.collect(0))
del x
print('in generation 1', gc.collect(0), gc.collect(1))
x = make_cycle()
gc.collect(0)
gc.collect(1)
del x
print('in generation 2', gc.collect(0), gc.collect(1), gc.collect(2))
x = make_cycle()
gc.collect()
del x
print('after full collection', gc.collect(1), gc.collect())
x = make_cycle()
del x
print('keyword', gc.collect(generation=1))
