# gc.callbacks get ('start', info) then ('stop', info) for each collection, with info['generation'] and the same keys.
import gc
gc.disable()
gc.collect()
print(type(gc.callbacks).__name__, len(gc.callbacks))
log = []
def cb(phase, info):
    log.append((phase, info['generation'], sorted(info.keys())))
gc.callbacks.append(cb)
gc.collect(0)
gc.collect(1)
gc.collect()
gc.callbacks.remove(cb)
for entry in log:
    print(entry)
gc.collect()
print(len(log), len(gc.callbacks))
order = []
def first(phase, info):
    order.append('first ' + phase)
def second(phase, info):
    order.append('second ' + phase)
gc.callbacks.append(first)
gc.callbacks.append(second)
gc.collect()
gc.callbacks.clear()
print(order)
