# Storing an object in a list, tuple or as a dict value or key adds one reference per slot.
import sys
o = object()
l = [o]
print(sys.getrefcount(o))
l.append(o)
print(sys.getrefcount(o))
t = (o, o, o)
print(sys.getrefcount(o))
d = {'k': o}
print(sys.getrefcount(o))
d[o] = 'as key'
print(sys.getrefcount(o))
del t
print(sys.getrefcount(o))
l.pop()
print(sys.getrefcount(o))
d['k'] = None
print(sys.getrefcount(o))
del d[o]
print(sys.getrefcount(o))
l = None
print(sys.getrefcount(o))
