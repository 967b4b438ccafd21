# Tuples, lists and dicts taken from CPython's free lists are not new
# allocations for the collector's generation-0 count, and going onto a free
# list is not a deallocation; a full collection empties the free lists, so
# the next container of each kind is a fresh allocation again.
# gcstress: skip: prints the collector's counters
import gc

gc.disable()
x = 1


def count():
    return gc.get_count()[0]


def deltas(make):
    gc.collect()
    c = [count()]
    for _ in range(3):
        o = make()
        c.append(count())
        del o
        c.append(count())
    return [b - a for a, b in zip(c, c[1:])]


print('tuple', deltas(lambda: (x, x)))
print('list', deltas(lambda: [x]))
print('dict', deltas(lambda: {'a': x}))

# More dead 2-tuples than the free list keeps (2000): the rest are real
# deallocations, and count down.
gc.collect()
keep = []
i = 0
while i < 2100:
    keep.append((i, i))
    i += 1
before = count()
del keep
after = count()
print('beyond the free list', before - after)

# An automatic collection comes when the count passes the threshold, so
# reused containers do not bring it on.
gc.collect()
gc.enable()
start = gc.get_stats()[0]['collections']
i = 0
while i < 10000:
    t = (i, i)
    i += 1
print('collections while reusing', gc.get_stats()[0]['collections'] - start)
