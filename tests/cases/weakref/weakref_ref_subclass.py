# Subclasses of weakref.ref can carry attributes, are never reused like plain refs and get their own instance in callbacks.
import weakref
class TaggedRef(weakref.ref):
    pass
class Thing:
    pass
t = Thing()
r = TaggedRef(t)
r.tag = 'hello'
print(r() is t, r.tag, type(r).__name__, isinstance(r, weakref.ref))
print(r is weakref.ref(t), TaggedRef(t) is r)
def callback(ref):
    print('callback got', type(ref).__name__, ref.tag)
r2 = TaggedRef(t, callback)
r2.tag = 'second'
del t
print(r() is None, r2() is None)
