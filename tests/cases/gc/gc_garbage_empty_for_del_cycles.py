# Since PEP 442 a cycle of objects with __del__ is collected normally and gc.garbage stays empty.
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
a.peer = b
b.peer = a
del a, b
print('collecting')
print(gc.collect())
print(gc.garbage)
print(gc.collect())
