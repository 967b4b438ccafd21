# Finalizers still alive at exit run after the script, newest first; atexit=False ones never run.
import weakref
class Thing:
    pass
def fin(name):
    print('finalize', name)
a = Thing()
b = Thing()
c = Thing()
fa = weakref.finalize(a, fin, 'a')
fb = weakref.finalize(b, fin, 'b')
fc = weakref.finalize(c, fin, 'c')
fc.atexit = False
fd = weakref.finalize(Thing(), fin, 'temporary')
print('fd alive', fd.alive, 'fc atexit', fc.atexit)
keep = [a, b, c]
print('end of script')
