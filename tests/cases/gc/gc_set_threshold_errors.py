# set_threshold argument errors: no arguments, too many, keywords, non-integers; thresholds are unchanged.
import gc
gc.disable()
gc.set_threshold(700, 10, 10)
tries = [(), (1, 2, 3, 4), ('a',), (1.5,)]
for args in tries:
    try:
        gc.set_threshold(*args)
        print('accepted', args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    gc.set_threshold(threshold0=4)
except TypeError as e:
    print(type(e).__name__, e)
print(gc.get_threshold())
