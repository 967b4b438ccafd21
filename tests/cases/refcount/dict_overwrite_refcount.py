# Overwriting or popping a dict value releases the reference the dict held.
import sys
o = object()
p = object()
d = {'a': o, 'b': o}
print(sys.getrefcount(o), sys.getrefcount(p))
d['a'] = p
print(sys.getrefcount(o), sys.getrefcount(p))
v = d.pop('b')
print(sys.getrefcount(o))
del v
print(sys.getrefcount(o))
d.update({'c': o, 'd': o})
print(sys.getrefcount(o))
d.setdefault('c', p)
print(sys.getrefcount(o), sys.getrefcount(p))
