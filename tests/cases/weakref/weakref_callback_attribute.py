# __callback__ is the callback while the referent lives, None without one and None once the ref is dead.
import weakref
class Thing:
    pass
def callback(ref):
    print('callback ran')
t = Thing()
plain = weakref.ref(t)
with_cb = weakref.ref(t, callback)
print(plain.__callback__, with_cb.__callback__ is callback)
try:
    with_cb.__callback__ = None
except AttributeError as e:
    print('AttributeError')
del t
print(plain.__callback__, with_cb.__callback__)
