# A full container: __len__, __getitem__ (ints and slices), __setitem__, __delitem__, __iter__, __reversed__, __contains__.
class Vec:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Vec(*self.items[i])
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __iter__(self):
        return iter(self.items)
    def __reversed__(self):
        return reversed(self.items)
    def __contains__(self, v):
        return v in self.items
    def __repr__(self):
        return f"Vec{tuple(self.items)}"
    def __eq__(self, other):
        return isinstance(other, Vec) and self.items == other.items
    __hash__ = None

v = Vec(1, 2, 3, 4)
print(len(v), v[0], v[-1], v[1:3], v[::2])
v[0] = 10
del v[1]
print(v, 3 in v, 2 in v, list(reversed(v)), bool(Vec()), bool(v))
print(v == Vec(10, 3, 4), v != Vec(), [x * 2 for x in v])
try:
    hash(v)
except TypeError as e:
    print(e)
a, b, c = v
print(a, b, c)
