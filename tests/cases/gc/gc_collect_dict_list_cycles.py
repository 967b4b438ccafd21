# Cycles made only of dicts and lists: every container in the cycle is counted once.
import gc
gc.disable()
gc.collect()
d1 = {}
d2 = {'back': d1}
d1['next'] = d2
del d1, d2
print('two dicts', gc.collect())
l1 = []
l2 = [l1]
l3 = [l2]
l1.append(l3)
del l1, l2, l3
print('three lists', gc.collect())
d = {'items': []}
d['items'].append(d)
del d
print('dict and list', gc.collect())
outer = [[[]]]
outer[0][0].append(outer)
del outer
print('nested lists', gc.collect())
