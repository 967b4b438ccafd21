# get_stats() returns one dict per generation with the keys collections, collected and uncollectable.
# gcstress: skip: prints the collector's counters
import gc
gc.disable()
gc.collect()
stats = gc.get_stats()
print(type(stats).__name__, len(stats))
for s in stats:
    print(type(s).__name__, sorted(s.keys()), [type(v).__name__ for v in s.values()])
before = gc.get_stats()[1]['collections']
gc.collect(1)
print(gc.get_stats()[1]['collections'] - before)
