# ref() to a bound method dies at once (the method object is temporary); WeakMethod follows the instance instead.
import weakref
class Thing:
    def hello(self):
        return 'hello'
t = Thing()
r = weakref.ref(t.hello)
print(r() is None)
wm = weakref.WeakMethod(t.hello)
m = wm()
print(m(), m == t.hello, m is t.hello, isinstance(wm, weakref.ref))
del m
del t
print(wm() is None)
