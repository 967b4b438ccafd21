# WeakKeyDictionary entries vanish when their keys die; keys are compared by identity for plain objects.
import weakref
class Key:
    def __init__(self, name):
        self.name = name
k1 = Key('x')
k2 = Key('y')
k3 = Key('z')
d = weakref.WeakKeyDictionary()
d[k1] = 1
d[k2] = [2]
d[k3] = 3
print(type(d).__name__, len(d), k1 in d, d[k2], d.get(k3), d.get(Key('x'), 'missing'))
del k2
print(len(d), sorted([k.name for k in d.keys()]))
print(sorted([(k.name, v) for k, v in d.items()]))
d[k1] = 10
print(d[k1], len(d))
d[Key('temporary')] = 5
print('after temporary key', len(d))
del d[k3]
print(len(d), k3 in d)
print(1 in d)
try:
    d[1] = 2
except TypeError as e:
    print(type(e).__name__, e)
del k1
print(len(d), list(d.items()))
