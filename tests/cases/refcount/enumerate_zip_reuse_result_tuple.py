# enumerate, zip and dict.items() hand out one result tuple again while nothing else holds it (CPython's en_result / zip's result): ids repeat, a kept tuple forces a new one, counts of the items stay exact, an exhausted zip keeps what it wrote, the collector re-tracks the tuple, big enumerate indexes
import gc
import sys


def ids_of(it, keep=False):
    seen, kept = [], []
    for t in it:
        seen.append(id(t))
        if keep:
            kept.append(t)
    return len(set(seen)), len(seen)


xs = ["a", "b", "c", "d"]
print("enumerate reused:", ids_of(enumerate(xs)))
print("enumerate kept:", ids_of(enumerate(xs), keep=True))
print("zip reused:", ids_of(zip(xs, xs)))
print("zip3 reused:", ids_of(zip(xs, xs, xs)))
print("zip kept:", ids_of(zip(xs, xs), keep=True))
print("lists:", list(enumerate(xs, 1)), list(zip(xs, range(3))))


class Item:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


a, b = Item("a"), Item("b")
base = sys.getrefcount(a), sys.getrefcount(b)
e = enumerate([a, b])
t = next(e)
print("held by list and tuple:", sys.getrefcount(a) - base[0])
del t
t = next(e)
print("first released, second held:", sys.getrefcount(a) - base[0], sys.getrefcount(b) - base[1])
del t
print("the iterator's tuple keeps the last:", sys.getrefcount(b) - base[1])
del e
print("gone with the iterator:", sys.getrefcount(b) - base[1])

# An exhausted zip keeps the items it wrote into its reused tuple.
z = zip([a, b], [1])
t = next(z)
del t
print(list(z))
print("a held by zip's tuple:", sys.getrefcount(a) - base[0])
del z
print("released:", sys.getrefcount(a) - base[0])

# zip(strict=True) errors after a reused tuple.
for args in (([1, 2], [3]), ([1], [2, 3]), ([1], [2], [3, 4])):
    try:
        for pair in zip(*args, strict=True):
            pass
    except ValueError as exc:
        print("strict:", exc)

# The collector untracks a tuple of atoms; a reused tuple is tracked again.
gc.collect()
e = enumerate([1, [2]])
t = next(e)
gc.collect()
print("tracked after collect:", gc.is_tracked(t))
del t
t = next(e)
print("tracked when reused:", gc.is_tracked(t), t)
del t, e


# A __next__ that advances the enumerate it is inside.
class Reentrant:
    def __init__(self):
        self.n = 0
        self.outer = None

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        if self.n == 2:
            print("  inner:", next(self.outer))
        return self.n * 10


r = Reentrant()
r.outer = enumerate(r)
print("reentrant:", list(r.outer))

# Indexes past 64 bits.
print(list(enumerate("abc", 2**63 - 2)))
print(list(enumerate("ab", 2**70)), list(enumerate("ab", -(2**70))))
e = enumerate("xyz", 2**63 - 1)
print(next(e), next(e), next(e))

# dict.items() iterators too (not views, not keys or values).
d = {"x": a, "y": b}
print("items reused:", ids_of(d.items()), "keys:", ids_of(iter(d)))
print("items kept:", ids_of(d.items(), keep=True))
base = sys.getrefcount(a), sys.getrefcount(b)
it = iter(d.items())
t = next(it)
del t
t = next(it)
del t
print("items tuple keeps the last:", sys.getrefcount(a) - base[0], sys.getrefcount(b) - base[1])
del it
print("released:", sys.getrefcount(b) - base[1])
print(sys.getsizeof(iter(d.items())) == sys.getsizeof(iter(d)))
