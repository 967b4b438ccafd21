# A __del__ that stores self resurrects the whole cycle: collect() returns 0, later the cycle dies without a second __del__.
import gc
gc.disable()
gc.collect()
saved = []
class Phoenix:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('__del__', self.name)
        saved.append(self)
a = Phoenix('a')
b = Phoenix('b')
a.peer = b
b.peer = a
del a, b
print('collected', gc.collect())
print(len(saved), sorted([p.name for p in saved]), saved[0].peer.peer is saved[0])
print(gc.is_finalized(saved[0]), gc.is_finalized(saved[1]))
print('collected', gc.collect())
saved.clear()
print('collected', gc.collect())
print(len(saved))
