# DEBUG_* constants and set_debug/get_debug round-trips (any int is stored), with argument errors.
import gc
gc.disable()
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.DEBUG_LEAK == gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL)
print(gc.get_debug())
print(gc.set_debug(gc.DEBUG_SAVEALL))
print(gc.get_debug())
gc.set_debug(gc.DEBUG_SAVEALL | 64)
print(gc.get_debug())
gc.set_debug(0)
print(gc.get_debug())
for v in ['x', None, 1.5]:
    try:
        gc.set_debug(v)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    gc.set_debug()
except TypeError as e:
    print(type(e).__name__, e)
print(gc.get_debug())
