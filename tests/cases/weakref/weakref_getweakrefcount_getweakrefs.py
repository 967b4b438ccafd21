# getweakrefcount/getweakrefs: plain ref first, then proxy, then callback refs newest first; 0 and [] once dead.
import weakref
class Thing:
    pass
def callback(ref):
    pass
t = Thing()
print(weakref.getweakrefcount(t), weakref.getweakrefs(t))
c1 = weakref.ref(t, callback)
c2 = weakref.ref(t, callback)
r = weakref.ref(t)
p = weakref.proxy(t)
print(weakref.getweakrefcount(t))
refs = weakref.getweakrefs(t)
print([x is r for x in refs])
print([x is p for x in refs])
print([x is c2 for x in refs])
print([x is c1 for x in refs])
del refs, c1
print(weakref.getweakrefcount(t))
del t
print(weakref.getweakrefcount(r), r() is None)
print(weakref.getweakrefcount(1), weakref.getweakrefs('text'))
