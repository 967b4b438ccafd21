# Setting an object as an attribute of an instance adds a reference; del attribute removes it.
import sys
class Holder:
    pass
o = object()
h = Holder()
h.item = o
print(sys.getrefcount(o))
h.other = o
print(sys.getrefcount(o))
del h.item
print(sys.getrefcount(o))
h.other = 5
print(sys.getrefcount(o))
h2 = Holder()
h2.x = o
del h2
print(sys.getrefcount(o))
