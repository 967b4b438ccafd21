# weakref.ref argument count errors; a non-callable callback is accepted at creation.
import weakref
class Thing:
    pass
try:
    weakref.ref()
except TypeError as e:
    print(type(e).__name__, e)
t = Thing()
try:
    weakref.ref(t, None, None)
except TypeError as e:
    print(type(e).__name__, e)
r = weakref.ref(t, 5)
print(r.__callback__, r() is t)
try:
    weakref.proxy()
except TypeError as e:
    print(type(e).__name__, e)
del r
print("end")
