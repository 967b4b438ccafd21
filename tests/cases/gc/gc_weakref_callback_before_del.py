# In a collected cycle weakrefs are cleared and their callbacks run before any __del__; weakrefs inside the garbage get no callback.
import gc
import weakref
gc.disable()
gc.collect()
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('__del__', self.name, 'outside ref cleared:', outside() is None)
def callback(ref):
    print('callback, referent is', ref())
a = Res('a')
b = Res('b')
a.peer = b
b.peer = a
outside = weakref.ref(a, callback)
a.inner = weakref.ref(b, callback)
del a, b
print('collected', gc.collect())
print(outside() is None)
