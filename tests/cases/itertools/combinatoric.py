# itertools' combinatoric iterators (permutations, combinations, combinations_with_replacement, product): order, edge cases, errors, types, subclasses, gc
import gc
import itertools
from itertools import (combinations, combinations_with_replacement,
                       permutations, product)

print(list(permutations('abc')))
print(list(permutations(range(4), 2)))
print(list(permutations('abc', 0)), list(permutations('abc', 4)))
print(list(permutations('')), list(permutations('', 0)), list(permutations('', 1)))
print(list(permutations([1, 2], None)), list(permutations([1, 2], r=1)))
print(list(permutations(iterable='ab', r=True)))
print(len(list(permutations(range(6)))), len(list(permutations(range(7), 3))))

print(list(combinations('abcd', 2)))
print(list(combinations(range(5), 3)))
print(list(combinations('abc', 0)), list(combinations('abc', 4)))
print(list(combinations('', 0)), list(combinations('', 1)))
print(list(combinations(r=2, iterable=[1, 2, 3])))
print(len(list(combinations(range(10), 4))))

print(list(combinations_with_replacement('abc', 2)))
print(list(combinations_with_replacement(range(3), 3)))
print(list(combinations_with_replacement('abc', 0)))
print(list(combinations_with_replacement('', 0)), list(combinations_with_replacement('', 2)))
print(list(combinations_with_replacement('a', 3)))

print(list(product('ab', range(3))))
print(list(product((0, 1), repeat=3)))
print(list(product()), list(product(repeat=0)), list(product('ab', repeat=0)))
print(list(product('ab', '', 'c')), list(product('', repeat=0)))
print(list(product('ab', 'xy', repeat=2))[:6])
print(len(list(product(range(3), repeat=5))))
g = (x for x in 'pq')
print(list(product(g, [1, 2])))

# Partial consumption, then exhaustion stays exhausted.
it = permutations('abc', 2)
print(next(it), next(it))
print(list(it), list(it))
it = product('ab', repeat=2)
print(next(it), list(it), next(it, 'done'))

# Mutating the source after construction does not matter (pools are copies).
src = [1, 2, 3]
it = combinations(src, 2)
src.append(4)
print(list(it))

for expr in [
    "permutations()", "permutations('a', 1, 2)", "permutations('a', 'x')",
    "permutations('a', -1)", "permutations('a', 1.0)", "permutations(1)",
    "permutations('a', foo=1)", "permutations('a', 2**70)",
    "permutations('a', 1, r=1)",
    "combinations('a')", "combinations('a', 'x')", "combinations('a', -1)",
    "combinations(1, -1)", "combinations(1, 1)", "combinations('a', 2**70)",
    "combinations()", "combinations('a', 1, 2)", "combinations('a', 1, x=3)",
    "combinations_with_replacement('a')", "combinations_with_replacement('a', -2)",
    "combinations_with_replacement('a', 1.5)", "combinations_with_replacement(3, 1)",
    "product(1)", "product('a', repeat=-1)", "product('a', repeat='x')",
    "product('a', foo=1)", "product('a', repeat=1, x=2)", "product(repeat=2**70)",
    "product('ab', repeat=2**62)", "product('a', [], 5)",
]:
    try:
        r = eval(expr)
        print(expr, '->', type(r).__name__)
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)

# The types.
for t in (permutations, combinations, combinations_with_replacement, product):
    print(t, t.__name__, t.__module__, t.__qualname__)
    x = t('ab', 1) if t is not product else t('ab')
    print(type(x) is t, iter(x) is x, isinstance(x, t), gc.is_tracked(x))
    print(repr(x).split(' at ')[0])
print(type(permutations('ab')).__name__ == 'permutations')


# Subclasses: an override of __next__ is honoured and reaches the base's.
class P(permutations):
    def __next__(self):
        return ('x',) + super().__next__()


print(list(P('ab')), type(P('ab')).__mro__)


class C(combinations):
    def __init__(self, iterable, r):
        self.note = r


c = C('abc', 2)
print(c.note, list(c), c.__dict__)


class Pr(product):
    pass


p = Pr('ab', repeat=2)
print(list(p), isinstance(p, product))
print([sum(t) for t in product(range(2), repeat=3)])
for t in permutations(range(3)):
    pass
print(t)

# A cycle through an iterator's pool is collected.
import weakref


class Box:
    pass


b = Box()
b.it = permutations([b, 1])
r = weakref.ref(b)
del b
gc.collect()
print(r() is None)
b = Box()
b.it = product([b], repeat=3)
r = weakref.ref(b)
del b
gc.collect()
print(r() is None)
