# tracemalloc: start/stop/is_tracing, traced memory grows with allocations and the peak follows, limits and errors.
import tracemalloc
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.start()
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
before, _ = tracemalloc.get_traced_memory()
class Item:
    def __init__(self, n):
        self.n = n
items = [Item(i) for i in range(2000)]
after, peak = tracemalloc.get_traced_memory()
print(after - before > 2000 * 40, peak >= after)
del items
now, peak2 = tracemalloc.get_traced_memory()
print(now < after, peak2 >= peak)
tracemalloc.reset_peak()
print(tracemalloc.get_traced_memory()[1] < peak)
print(tracemalloc.get_tracemalloc_memory() > 0)
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print(type(e).__name__, e)
for bad in (0, -1, 70000):
    try:
        tracemalloc.start(bad)
    except ValueError as e:
        print(bad, type(e).__name__, e)
tracemalloc.start(5)
print(tracemalloc.get_traceback_limit())
tracemalloc.stop()
