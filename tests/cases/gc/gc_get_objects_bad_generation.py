# get_objects() rejects generations >= 3 and < -1 with ValueError and non-integers with TypeError.
import gc
gc.disable()
for g in [3, 10, -2]:
    try:
        gc.get_objects(g)
    except ValueError as e:
        print(g, type(e).__name__, e)
try:
    gc.get_objects(generation=5)
except ValueError as e:
    print(type(e).__name__, e)
for g in ['x', 1.5]:
    try:
        gc.get_objects(g)
    except TypeError as e:
        print(type(e).__name__, e)
