# gc.collect() rejects generations outside 0..2 with ValueError and non-integers with TypeError.
import gc
gc.disable()
for g in [3, -1, 100]:
    try:
        gc.collect(g)
    except ValueError as e:
        print(g, type(e).__name__, e)
for g in ['2', 1.0, None]:
    try:
        gc.collect(g)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    gc.collect(0, 1)
except TypeError as e:
    print(type(e).__name__, e)
print(gc.collect(2), gc.collect(True))
