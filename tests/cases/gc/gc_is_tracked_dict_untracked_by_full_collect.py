# A tracked dict whose container values are gone stays tracked until a full collection untracks it.
import gc
gc.disable()
d = {'a': 1}
d['b'] = []
print(gc.is_tracked(d))
d['b'] = 2
print(gc.is_tracked(d))
gc.collect(0)
print('after collect(0)', gc.is_tracked(d))
gc.collect(1)
print('after collect(1)', gc.is_tracked(d))
gc.collect()
print('after full collect', gc.is_tracked(d))
d2 = {'keep': [1]}
gc.collect()
print('still has a list', gc.is_tracked(d2))
d2['keep'] = (1, 2)
gc.collect()
print('tuple of atoms value', gc.is_tracked(d2))
d2['new'] = [2]
print('list added again', gc.is_tracked(d2))
