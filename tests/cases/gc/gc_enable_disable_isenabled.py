# gc.enable()/gc.disable() toggle gc.isenabled(); both return None and are idempotent.
import gc
print(gc.isenabled())
print(gc.disable())
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
print(gc.enable())
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
gc.disable()
print(gc.collect() >= 0, gc.isenabled())
try:
    gc.enable(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    gc.isenabled(True)
except TypeError as e:
    print(type(e).__name__, e)
