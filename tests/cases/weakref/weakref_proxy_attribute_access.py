# A proxy forwards attribute get/set/delete, method calls and operators to its live referent.
import weakref
class Bag:
    def __init__(self):
        self.x = 1
        self.items = [1, 2, 3]
    def double(self):
        return self.x * 2
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __add__(self, other):
        return self.x + other
b = Bag()
p = weakref.proxy(b)
print(type(p).__name__, type(p) is weakref.ProxyType)
print(p.x, p.double(), len(p), p[1], p + 10)
p.y = 5
print(b.y)
del p.x
print(hasattr(b, 'x'))
b.x = 3
print(p.x, p.double())
print(isinstance(p, Bag), type(p) is Bag, p == b)
try:
    hash(p)
except TypeError as e:
    print(type(e).__name__, e)
