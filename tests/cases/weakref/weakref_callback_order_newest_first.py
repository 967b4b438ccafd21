# Several callbacks on one referent run newest first when it dies; a callback-less ref adds none.
import weakref
class Thing:
    pass
def make(name):
    def callback(ref):
        print('callback', name)
    return callback
t = Thing()
r1 = weakref.ref(t, make('first'))
plain = weakref.ref(t)
r2 = weakref.ref(t, make('second'))
r3 = weakref.ref(t, make('third'))
print('deleting')
del t
print('deleted', r1() is None, plain() is None)
