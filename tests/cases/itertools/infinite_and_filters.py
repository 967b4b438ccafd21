# itertools' count, repeat, cycle, chain, islice, accumulate, starmap, pairwise, zip_longest, compress, dropwhile, takewhile, filterfalse: results, reprs, errors
import operator
from itertools import (accumulate, chain, compress, count, cycle, dropwhile,
                       filterfalse, islice, pairwise, repeat, starmap,
                       takewhile, zip_longest)

c = count()
print(c, next(c), next(c), c)
print(count(5), count(1, 2), count(1.5, 0.5), count(-3), count(0, -1))
print(list(islice(count(1.5, 0.5), 4)), list(islice(count(10, -3), 4)))
print(list(islice(count(start=2, step=3), 3)), count(step=2), count(1, 1.0))
print(list(islice(count(True), 3)), list(islice(count(True, 2), 3)), count(False, True))
print(list(islice(count(2**63 - 2), 4)))
print(count(2**70), list(islice(count(2**70, 2**68), 2)))
c = count(9223372036854775806)
print(next(c), next(c), c, next(c), c)
print(list(islice(count(1j, 1j), 3)), count(0.5, 1))

r = repeat('x', 3)
print(r, list(r), r, r.__length_hint__())
print(repeat(None), repeat([1], 2), repeat('a', -5), list(repeat('a', -5)))
print(repeat(object=7, times=2), list(repeat(times=2, object='z')))
r = repeat(1)
print([next(r) for _ in range(3)], r)
try:
    r.__length_hint__()
except TypeError as e:
    print(type(e).__name__, e)
print(list(map(pow, range(5), repeat(2))))
print(operator.length_hint(repeat(0, 6)), operator.length_hint(repeat(0), 9))

print(list(islice(cycle('abc'), 8)), list(cycle('')), list(cycle([])))
g = (i * i for i in range(3))
print(list(islice(cycle(g), 7)))

print(list(chain('ab', [1, 2], (), range(2))), list(chain()), list(chain([])))
print(list(chain.from_iterable(['ab', 'cd', []])), list(chain.from_iterable([])))
ch = chain.from_iterable(x for x in ['xy', 'z'])
print(type(ch).__name__, list(ch))
ch = chain([1], 5, [2])
print(next(ch))
try:
    next(ch)
except TypeError as e:
    print(type(e).__name__, e)
print(list(ch))

s = 'ABCDEFG'
print(list(islice(s, 2)), list(islice(s, 2, 4)), list(islice(s, 2, None)))
print(list(islice(s, 0, None, 2)), list(islice(s, None)), list(islice(s, 1, 100, 3)))
print(list(islice(s, None, None, None)), list(islice(s, 3, 3)), list(islice(s, 5, 2)))
print(list(islice(range(100), 10, 30, 7)), list(islice([], 3)))
it = iter(range(10))
print(list(islice(it, 3)), list(it))
it = iter(range(10))
print(list(islice(it, 2, 4)), next(it))
sl = islice(count(), 0, 4, 3)
print(list(sl), list(sl))

print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], operator.mul)))
print(list(accumulate([1, 2, 3], initial=100)), list(accumulate([], initial=5)))
print(list(accumulate('abc')), list(accumulate([3, 1, 4, 1, 5], max)))
print(list(accumulate([1, 2], func=None, initial=None)), list(accumulate(iterable=[5, 5])))
print(list(accumulate([[1], [2]], operator.add)))

print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(max, [[1, 3], 'ab'])))
print(list(starmap(lambda: 7, [(), ()])))

print(list(pairwise('ABCDE')), list(pairwise('A')), list(pairwise('')))
pw = pairwise(iter([1, 2, 3]))
print(next(pw), next(pw), list(pw), list(pw))

print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest()))
print(list(zip_longest('ab', range(3), [])), list(zip_longest([], [])))
print(list(zip_longest('a', fillvalue=None)))

print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(compress('ABC', [0, 1, 1, 1, 1])))
print(list(compress(data='AB', selectors=[True, True])), list(compress(range(10), cycle([0, 1]))))

print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(bool, [])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(bool, [1, 0, 1])))
tw = takewhile(lambda x: x < 3, iter([1, 5, 2]))
print(list(tw), list(tw))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a', None])))

for expr in [
    "count('a')", "count(1, 'a')", "count(1, 2, 3)", "count(foo=1)", "count(start=1, step=None)",
    "repeat()", "repeat(1, 2, 3)", "repeat(1, 'a')", "repeat(1, 2.0)", "repeat(1, x=2)",
    "repeat(1, 2**70)", "repeat(1, None)",
    "chain(x=1)", "chain.from_iterable()", "chain.from_iterable(1)", "chain.from_iterable([], [])",
    "islice()", "islice([])", "islice([], -1)", "islice([], 1, -1)", "islice([], -1, 2)",
    "islice([], 1, 2, 0)", "islice([], 1, 2, -1)", "islice([], 'a')", "islice([], 1, 'a')",
    "islice([], 'a', 1)", "islice([], 1, 2, 'a')", "islice(1, 2)", "islice([], 1, 2, 3, 4)",
    "islice([], x=1)", "islice([], 2**70)", "islice([], 0, 2**70)", "islice([], 0, 2, 2**70)",
    "islice([], -2**70, 1)", "islice([], 2.0)",
    "accumulate()", "accumulate(1)", "accumulate([], x=1)", "accumulate([], None, None)",
    "starmap(len)", "starmap(len, 1)", "starmap(len, [], x=1)",
    "cycle()", "cycle(1)", "cycle([], x=1)", "cycle([], [])",
    "pairwise()", "pairwise(1)", "pairwise([], [])", "pairwise(iterable=[])",
    "zip_longest(1)", "zip_longest([], foo=1)", "zip_longest([], fillvalue=1, foo=2)",
    "compress([])", "compress(1, [])", "compress([], 1)",
    "dropwhile(None)", "dropwhile(None, 1)", "dropwhile(None, [], x=1)",
    "takewhile(len)", "filterfalse(len)", "filterfalse(None, 1)",
    "list(starmap(len, [1]))", "list(accumulate([1, 'a']))", "list(dropwhile(None, [1]))",
    "list(takewhile(len, [1]))", "list(filterfalse(len, [1]))", "list(compress([1], [1, 2]))",
    "next(count('a', 1))", "list(islice(count(), 3))",
]:
    try:
        r = eval(expr)
        print(expr, '->', r if isinstance(r, list) else type(r).__name__)
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)
