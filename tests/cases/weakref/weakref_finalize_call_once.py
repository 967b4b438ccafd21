# A finalize runs its function at most once: an explicit call returns the result, later calls and death do nothing.
import weakref
class Thing:
    pass
def fin(*args, **kwargs):
    print('fin', args, sorted(kwargs.items()))
    return 'result'
t = Thing()
f = weakref.finalize(t, fin, 1, 2, key='v')
print(f.alive, f.atexit)
print(f())
print(f.alive, f())
del t
print('after del')
u = Thing()
g = weakref.finalize(u, fin, 'u')
print('deleting u')
del u
print(g.alive, g())
v = Thing()
weakref.finalize(v, fin, 'handle dropped')
print('deleting v')
del v
print('end')
