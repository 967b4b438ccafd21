# A cycle through an instance, a list, a dict and a tuple counts each container.
import gc
gc.disable()
gc.collect()
class Holder:
    pass
h = Holder()
h.items = [{'owner': h}]
del h
print('instance -> list -> dict -> instance', gc.collect())
h = Holder()
h.pair = ([h], 'tag')
del h
print('instance -> tuple -> list -> instance', gc.collect())
l = []
t = (l, 1)
l.append(t)
del l, t
print('list <-> tuple', gc.collect())
a = Holder()
b = Holder()
a.d = {'b': b}
b.l = [a]
del a, b
print('two instances, dict and list', gc.collect())
