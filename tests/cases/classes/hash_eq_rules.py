# __eq__ without __hash__ makes instances unhashable; identity hashing by default.
class Plain:
    pass
class EqOnly:
    def __eq__(self, other):
        return True
class Both:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Both) and self.k == other.k
    def __hash__(self):
        return hash(self.k)
p = Plain()
print(hash(p) == hash(p), p == Plain(), p == p)
print(EqOnly.__hash__)
try:
    {EqOnly()}
except TypeError as e:
    print(e)
d = {Both(1): "one"}
print(d[Both(1)], Both(1) in d, len({Both(2): 0, Both(2): 1}))
class Child(Both):
    pass
print(hash(Child(3)) == hash(3))
