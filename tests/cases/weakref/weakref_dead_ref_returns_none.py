# A weakref whose referent was freed returns None, and stays dead even if an equal object is created.
import weakref
class Thing:
    def __del__(self):
        print('Thing freed')
t = Thing()
r = weakref.ref(t)
print(r() is None)
print('deleting')
del t
print(r() is None, r())
t = Thing()
print(r() is None, r() is t)
items = [Thing()]
r2 = weakref.ref(items[0])
items.pop()
print(r2() is None)
print('end')
