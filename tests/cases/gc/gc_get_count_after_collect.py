# get_count() is (0, 0, 0) right after a full collection; collect(0)/collect(1) bump the next generation's count.
# gcstress: skip: prints the collector's counters
import gc
gc.disable()
gc.collect()
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
gc.collect(1)
print(gc.get_count())
gc.collect()
print(gc.get_count())
