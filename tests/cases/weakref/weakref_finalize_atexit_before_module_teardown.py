# At exit, a pending finalize runs before the module's globals are torn down (and before the object's __del__).
import weakref
class Thing:
    def __del__(self):
        print('__del__ runs')
def fin(name):
    print('finalize', name)
t = Thing()
f = weakref.finalize(t, fin, 't')
print('end of script')
