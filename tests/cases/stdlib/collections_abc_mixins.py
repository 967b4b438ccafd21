# collections.abc mixins: Sequence, MutableSequence, Set, MutableSet, Mapping, MutableMapping, views, Iterator, hooks
from collections.abc import (Iterable, Iterator, Mapping, MutableMapping, MutableSequence,
                             MutableSet, Sequence, Set, Sized, Hashable, Container)


class Seq(Sequence):
    def __init__(self, data):
        self.data = list(data)

    def __getitem__(self, i):
        return self.data[i]

    def __len__(self):
        return len(self.data)


s = Seq("abcab")
print(list(s), list(reversed(s)), "b" in s, s.index("b"), s.index("b", 2), s.count("a"))
try:
    s.index("z")
except ValueError as e:
    print("ValueError", repr(e))


class MSeq(MutableSequence):
    def __init__(self):
        self.data = []

    def __getitem__(self, i):
        return self.data[i]

    def __setitem__(self, i, v):
        self.data[i] = v

    def __delitem__(self, i):
        del self.data[i]

    def __len__(self):
        return len(self.data)

    def insert(self, i, v):
        self.data.insert(i, v)


m = MSeq()
m.append(1)
m.extend([2, 3, 4])
m.reverse()
m += [0]
print(m.data, m.pop(), m.pop(0), m.data)
m.remove(3)
print(m.data)
m.clear()
print(m.data)


class ListSet(Set):
    def __init__(self, items=()):
        self.items = []
        for x in items:
            if x not in self.items:
                self.items.append(x)

    def __contains__(self, x):
        return x in self.items

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


a, b = ListSet([1, 2, 3]), ListSet([2, 3, 4])
print(sorted(a & b), sorted(a | b), sorted(a - b), sorted(a ^ b), a <= b, ListSet([2]) < a, a == ListSet([3, 2, 1]))
print(a.isdisjoint([7]), a._hash() == frozenset([1, 2, 3]).__hash__() if False else type(a._hash()).__name__)


class MSet(ListSet, MutableSet):
    def add(self, x):
        if x not in self.items:
            self.items.append(x)

    def discard(self, x):
        if x in self.items:
            self.items.remove(x)


ms = MSet([1, 2])
ms |= [3]
ms -= [1]
print(ms.items, ms.pop(), ms.items)
try:
    ms.remove(99)
except KeyError as e:
    print("KeyError", e)


class Map(MutableMapping):
    def __init__(self):
        self.d = {}

    def __getitem__(self, k):
        return self.d[k]

    def __setitem__(self, k, v):
        self.d[k] = v

    def __delitem__(self, k):
        del self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


mm = Map()
mm.update({"a": 1}, b=2)
mm.setdefault("c", 3)
print(dict(mm), mm.get("z"), "a" in mm, list(mm.keys()), list(mm.values()), list(mm.items()))
print(mm.keys(), mm == {"a": 1, "b": 2, "c": 3}, ("a", 1) in mm.items(), 2 in mm.values())
print(mm.pop("a"), mm.pop("zz", None), mm.popitem(), dict(mm))
print(isinstance(mm, Mapping), isinstance(mm.keys(), Set), isinstance(mm, Hashable))

for abc_cls in (Sequence, Set, Mapping, Iterator):
    try:
        abc_cls()
    except TypeError as e:
        print(e)


class Counter3:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration

    def __len__(self):
        return 0

    def __contains__(self, x):
        return False

    __hash__ = None


print(isinstance(Counter3(), Iterator), isinstance(Counter3(), Iterable), isinstance(Counter3(), Sized),
      isinstance(Counter3(), Container), isinstance(Counter3(), Hashable))


class It(Iterator):
    def __init__(self):
        self.n = 0

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n


print(list(It()), iter(It()).__class__.__name__)
