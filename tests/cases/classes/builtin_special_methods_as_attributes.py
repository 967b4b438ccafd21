# the builtin types' special methods are attributes: int.__add__, list.__getitem__, super().__len__() in subclasses, NotImplemented for foreign operands
print(int.__add__(1, 2), (5).__add__(3), (5).__radd__(3), (7).__sub__(2), (7).__rsub__(2), (2).__pow__(10), (7).__floordiv__(2), (7).__mod__(3))
print((1).__eq__(1), (1).__eq__(1.0), (1.0).__eq__(1), (1).__lt__(2), (1).__add__(1.5), (1.5).__radd__(1), (3).__mul__([1]), [1].__rmul__(3))
print(int.__eq__(1000, 10**3), (5).__neg__(), (5).__invert__(), (0).__bool__(), (2.5).__neg__(), (-2.5).__abs__(), (1.0).__bool__())
print('a'.__add__('b'), 'ab'.__mul__(2), 'ab'.__rmul__(2), 'x%sy'.__mod__(5), 'abc'.__getitem__(1), 'abc'.__len__(), 'abc'.__contains__('b'))
print([1, 2].__getitem__(0), [1, 2].__len__(), [1, 2].__contains__(2), [1].__add__([2]), (1, 2).__getitem__(slice(0, 1)), (1, 2).__len__())
print(b'ab'.__getitem__(0), b'ab'.__add__(b'c'), range(5).__len__(), range(5).__getitem__(2), range(5).__contains__(3), {'a': 1}.__len__())
print((1).__hash__() == hash(1), 'x'.__hash__() == hash('x'), (1, 2).__hash__() == hash((1, 2)), list.__hash__, dict.__hash__)
print(repr(int.__repr__(7)), list.__repr__([1]), str.__str__('s'), 'a'.__lt__('b'), [1].__eq__([1]), {'a': 1}.__eq__({'a': 1}), (1, 2).__lt__((1, 3)))
print(list(iter([1, 2].__iter__())), list('ab'.__iter__()), list({'k': 1}.__iter__()), [1, 2].__lt__(5), {}.__or__({'a': 1}))
l = [1, 2, 3]
list.__setitem__(l, 0, 'x'); list.__delitem__(l, 1)
print(l, list.__iadd__(l, [9]), l)
class L(list):
    def __len__(self):
        return super().__len__() + 100
    def __getitem__(self, i):
        return super().__getitem__(i) * 10
    def __contains__(self, x):
        return super().__contains__(x) or x == 'magic'
    def __iter__(self):
        return iter(['wrapped', *super().__iter__()])
ll = L([1, 2])
print(len(ll), ll[1], 'magic' in ll, 2 in ll, 7 in ll, list(ll), ll.__len__())
class I(int):
    def __add__(self, other):
        return I(super().__add__(other) * 2)
    def __repr__(self):
        return 'I(' + super().__repr__() + ')'
print(I(3) + 4, repr(I(5)), I(2) - 1, I(3) == 3, I(4) < 5, hash(I(7)) == hash(7))
class D(dict):
    def __getitem__(self, k):
        return super().__getitem__(k) + 1
    def __len__(self):
        return dict.__len__(self) * 2
d = D(a=1)
print(d['a'], len(d), hasattr(list, '__getitem__'), hasattr([], '__setitem__'), hasattr((), '__setitem__'), hasattr(1, '__getitem__'))
class LI(list):
    def __init__(self, items, tag):
        super().__init__(items)
        self.tag = tag
li = LI('abc', 't')
print(li, li.tag, len(li))
print(sorted([3, -1, 2], key=int.__neg__), list(map(str.__len__, ['a', 'bb'])), list(map(int.__mul__, [1, 2], [3, 4])))
for bad in [lambda: int.__add__(1), lambda: int.__neg__(1, 2), lambda: list.__getitem__([1], 5)]:
    try:
        bad()
    except (TypeError, IndexError) as e:
        print(type(e).__name__)
