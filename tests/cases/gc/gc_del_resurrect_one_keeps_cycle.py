# When one __del__ in a cycle resurrects only itself, its peers survive too and all __del__s still run once.
import gc
gc.disable()
gc.collect()
keep = []
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('__del__', self.name)
        if self.name == 'a':
            keep.append(self)
a = Res('a')
b = Res('b')
c = Res('c')
a.next = b
b.next = c
c.next = a
del a, b, c
print('collected', gc.collect())
print(len(keep), keep[0].next.name, keep[0].next.next.name, keep[0].next.next.next is keep[0])
keep.clear()
print('collected', gc.collect())
print('end')
