# Each extra name bound to an object adds one reference; rebinding or del removes it.
import sys
o = object()
a = o
print(sys.getrefcount(o))
b = o
c = a
print(sys.getrefcount(o))
b = None
print(sys.getrefcount(o))
del c
print(sys.getrefcount(o))
a = object()
print(sys.getrefcount(o))
