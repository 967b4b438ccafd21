# WeakValueDictionary entries vanish when their values die: len, in, get, [] and items follow.
import weakref
class Value:
    def __init__(self, n):
        self.n = n
a = Value(1)
b = Value(2)
c = Value(3)
d = weakref.WeakValueDictionary()
d['a'] = a
d['b'] = b
d['c'] = c
print(type(d).__name__, len(d), 'a' in d, d['a'] is a, d.get('b') is b, d.get('zz'))
print(sorted(d.keys()))
del b
print(len(d), 'b' in d, d.get('b'), d.get('b', 'gone'), sorted(d.keys()))
try:
    d['b']
except KeyError as e:
    print('KeyError', e)
print(sorted([(k, v.n) for k, v in d.items()]))
d['a'] = c
print(sorted([(k, v.n) for k, v in d.items()]))
del a
print(len(d))
print(d.pop('c') is c, len(d))
d['x'] = c
del c
print(len(d), list(d.keys()))
try:
    d['n'] = 1
except TypeError as e:
    print(type(e).__name__, e)
temp = weakref.WeakValueDictionary({'t': Value(9)})
print(len(temp))
