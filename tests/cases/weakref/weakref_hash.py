# hash(ref) is the referent's hash, remembered after death; a dead ref never hashed raises TypeError.
import weakref
class Key:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
    def __hash__(self):
        return hash(self.v)
a = Key(10)
b = Key(20)
ra = weakref.ref(a)
rb = weakref.ref(b)
print(hash(ra) == hash(a), hash(ra) == hash(10))
h = hash(ra)
del a, b
print(hash(ra) == h)
try:
    hash(rb)
except TypeError as e:
    print(type(e).__name__, e)
class NoHash:
    __hash__ = None
n = NoHash()
try:
    hash(weakref.ref(n))
except TypeError as e:
    print(type(e).__name__, e)
k = Key(5)
table = {weakref.ref(k): 'five'}
print(table[weakref.ref(k)])
