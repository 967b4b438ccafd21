# __del__ of every object in a garbage cycle runs exactly once, during the collection that frees it.
import gc
gc.disable()
gc.collect()
calls = []
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        calls.append(self.name)
        print('__del__', self.name, 'peer is', self.peer.name)
a = Res('a')
b = Res('b')
a.peer = b
b.peer = a
del a, b
print('before collect', calls)
print('collected', gc.collect())
print('after collect', calls)
print('collected', gc.collect())
print('at end', calls)
