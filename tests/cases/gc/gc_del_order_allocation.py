# Within one collected cycle CPython runs __del__ in the order the objects were created, not the link order.
import gc
gc.disable()
gc.collect()
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('__del__', self.name)
a = Res('a')
b = Res('b')
c = Res('c')
c.next = b
b.next = a
a.next = c
del c, a, b
print('collected', gc.collect())
items = [Res(1), Res(2), Res(3)]
items.append(items)
del items
print('collected', gc.collect())
