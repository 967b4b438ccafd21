# On reference-count death __del__ runs first (its weakrefs still live), then the weakrefs are cleared and callbacks run.
import weakref
class Thing:
    def __del__(self):
        print('__del__, weakref still returns self:', r() is self)
def callback(ref):
    print('callback, referent', ref())
t = Thing()
r = weakref.ref(t, callback)
print('deleting')
del t
print('end')
