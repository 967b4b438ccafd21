# The 'stop' callback reports collected/uncollectable for an explicit collection of a known cycle.
# gcstress: skip: prints the collector's counters
import gc
gc.disable()
gc.collect()
log = []
def cb(phase, info):
    log.append((phase, info['generation'], info['collected'], info['uncollectable']))
class Node:
    pass
a = Node()
b = Node()
a.other = b
b.other = a
a.extra = [b]
del a, b
gc.callbacks.append(cb)
result = gc.collect(1)
gc.collect()
gc.callbacks.remove(cb)
print(result)
for entry in log:
    print(entry)
