# Subclasses of set and frozenset (construction, __new__/__init__ overrides, operators, in-place identity, super() calls) and recursive reprs.
class S(set):
    pass

class Tagged(set):
    def __init__(self, items, tag):
        super().__init__(items)
        self.tag = tag

class Upper(frozenset):
    def __new__(cls, items):
        return super().__new__(cls, [str(i).upper() for i in items])

class Ordered(set):
    def __iter__(self):
        return iter(sorted(set.__iter__(self), reverse=True))

class Union(set):
    def __or__(self, other):
        return Union(super().__or__(other))

s = S([3, 1])
print(s, type(s).__name__, isinstance(s, set), len(s), 3 in s)
t = s
s |= {7}
print(s, t is s, type(s).__name__)
s &= {1, 7}
print(s, t is s)
s -= {1}
s ^= {8}
print(s, t is s, type(s).__name__)
print(type(s | {1}).__name__, type({1} | s).__name__, type(s.copy()).__name__, type(s.union()).__name__)
print(s == {7, 8}, {7, 8} == s, s <= {7, 8, 9}, S() < s)
tg = Tagged('ab', 'letters')
print(sorted(tg), tg.tag, type(tg).__name__)
u = Upper(['a', 'b'])
print(sorted(u), type(u).__name__, hash(u) == hash(frozenset(['A', 'B'])))
o = Ordered([1, 5, 3])
print(o, list(o), sorted(o))
un = Union([1]) | {2}
print(un, type(un).__name__)
print(set.union(S([1]), [2]), frozenset.union(frozenset([1]), {2}))
print(set.__or__({1}, [2]), set.__or__({1}, {2}), set.__ror__({1}, {2}), frozenset.__sub__(frozenset([1, 2]), {1}))
print(set.__contains__({1}, 1), set.__len__({1, 2}), frozenset.__eq__(frozenset(), set()))
print(set.__new__(set, [1]), frozenset.__new__(frozenset, [1]), set.__new__(S))
x = S()
x.__init__([4, 5])
print(x)

class Member:
    def __init__(self, box):
        self.box = box
    def __hash__(self):
        return 1
    def __repr__(self):
        return 'Member(' + repr(self.box) + ')'

plain = set()
plain.add(Member(plain))
print(plain)
sub = S()
sub.add(Member(sub))
print(sub)
m = Member(None)
frozen = frozenset([m])
m.box = frozen
print(frozen)
print(repr(S()), repr(Upper([])), str(S([1])))
