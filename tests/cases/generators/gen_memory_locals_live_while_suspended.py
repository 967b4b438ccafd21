# A suspended generator keeps its locals alive; closing or freeing it releases them.
import sys
import weakref

class Big:
    pass

def holder():
    obj = Big()
    yield weakref.ref(obj)
    yield "still holding"

g = holder()
ref = next(g)
print(ref() is not None)
print(next(g), ref() is not None)
g.close()
print("after close:", ref())

g = holder()
ref = next(g)
del g
print("after del:", ref())

item = Big()
print(sys.getrefcount(item))
def keeps(x):
    yield x
k = keeps(item)
print(sys.getrefcount(item))
next(k)
print(sys.getrefcount(item))
k.close()
print(sys.getrefcount(item))
