# finalize.peek() shows (obj, func, args, kwargs) without calling; detach() returns it and disarms the finalizer.
import weakref
class Thing:
    pass
def fin(label, extra=None):
    print('fin', label, extra)
t = Thing()
f = weakref.finalize(t, fin, 'first', extra='x')
info = f.peek()
obj, func, args, kwargs = info
print(type(info).__name__, obj is t, func is fin, args, kwargs)
print(f.alive)
detached = f.detach()
print(detached[0] is t, detached[2], detached[3])
print(f.alive, f.peek(), f.detach(), f())
del t
print('after del, nothing ran')
u = Thing()
g = weakref.finalize(u, fin, 'second')
del u
print(g.peek(), g.detach(), g.alive)
