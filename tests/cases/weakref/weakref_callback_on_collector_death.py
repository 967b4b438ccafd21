# When a referent dies in a garbage cycle, the callback runs during gc.collect(), not at del.
import gc
import weakref
gc.disable()
gc.collect()
class Node:
    pass
def callback(ref):
    print('callback, ref dead:', ref() is None)
a = Node()
b = Node()
a.other = b
b.other = a
r = weakref.ref(a, callback)
del a, b
print('deleted, still alive:', r() is not None)
print('collecting')
print('collected', gc.collect())
print(r() is None)
