# Live weakrefs compare equal when their referents do; once either is dead only identity counts.
import weakref
class Key:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
    def __hash__(self):
        return hash(self.v)
a = Key(1)
b = Key(1)
c = Key(2)
ra = weakref.ref(a)
rb = weakref.ref(b)
rc = weakref.ref(c)
print(ra == rb, ra == rc, ra != rc, ra is rb)
del a
print(ra == rb, ra != rb, ra == ra)
x = Key(3)
y = Key(3)
rx = weakref.ref(x)
ry = weakref.ref(y)
del x, y
print(rx == ry, rx != ry, rx == rx)
print(rb == 1, rb == None, rb != 'text')
