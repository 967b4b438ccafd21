# ref(o) without a callback returns the same weakref object each time; refs with callbacks are always new.
import weakref
class Thing:
    pass
def callback(ref):
    pass
t = Thing()
r1 = weakref.ref(t)
r2 = weakref.ref(t)
print(r1 is r2, weakref.ref(t) is r1)
c1 = weakref.ref(t, callback)
c2 = weakref.ref(t, callback)
print(c1 is r1, c1 is c2, c1 == c2, c1 == r1)
print(weakref.ref(t, None) is r1)
print(weakref.getweakrefcount(t))
u = Thing()
print(weakref.ref(u) is weakref.ref(u))
