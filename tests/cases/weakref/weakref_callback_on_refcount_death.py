# The callback runs as soon as the referent's last reference goes, and receives the (now dead) weakref itself.
import weakref
class Thing:
    pass
def callback(ref):
    print('callback: same ref', ref is r, 'referent', ref())
t = Thing()
r = weakref.ref(t, callback)
print('before del')
del t
print('after del')
def local_scope():
    inner = Thing()
    return weakref.ref(inner, lambda ref: print('local object died'))
print('calling')
r2 = local_scope()
print('returned', r2() is None)
