# A for loop variable keeps a reference to the last item after the loop.
import sys
o = object()
items = [o]
print(sys.getrefcount(o))
for x in items:
    pass
print(sys.getrefcount(o))
x = None
print(sys.getrefcount(o))
for y in [o, o]:
    pass
print(sys.getrefcount(o))
del y
print(sys.getrefcount(o))
