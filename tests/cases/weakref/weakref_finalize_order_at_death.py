# Several finalizers on one object run newest first when it dies.
import weakref
class Thing:
    pass
def fin(name):
    print('finalize', name)
t = Thing()
f1 = weakref.finalize(t, fin, 'f1')
f2 = weakref.finalize(t, fin, 'f2')
f3 = weakref.finalize(t, fin, 'f3')
f2()
print('deleting')
del t
print(f1.alive, f2.alive, f3.alive)
