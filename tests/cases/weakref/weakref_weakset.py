# WeakSet: add (idempotent), len, in, discard, remove; members vanish when they die.
import weakref
class Item:
    def __init__(self, name):
        self.name = name
s = weakref.WeakSet()
a = Item('a')
b = Item('b')
s.add(a)
s.add(b)
s.add(a)
print(type(s).__name__, len(s), a in s, Item('c') in s, 1 in s)
s.discard(b)
print(len(s), b in s)
s.discard(b)
s.add(b)
print(len(s))
del b
print(len(s), sorted([x.name for x in s]))
c = Item('c')
s.add(c)
s.remove(c)
try:
    s.remove(c)
except KeyError:
    print('KeyError')
try:
    s.add(5)
except TypeError as e:
    print(type(e).__name__, e)
s.add(Item('temporary'))
print(len(s))
del a
print(len(s), list(s))
