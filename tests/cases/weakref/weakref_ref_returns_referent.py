# Calling a live weakref.ref returns its referent; the type is weakref.ref, named ReferenceType.
import weakref
class Thing:
    def __init__(self, n):
        self.n = n
t = Thing(7)
r = weakref.ref(t)
print(r() is t, r().n)
print(type(r).__name__, type(r) is weakref.ref, weakref.ref is weakref.ReferenceType, isinstance(r, weakref.ref))
other = t
del t
print(r() is other, r().n)
def func():
    return 'called through ref'
print(weakref.ref(func)()())
print(weakref.ref(Thing)() is Thing)
