# itertools: argument errors (islice, count, repeat, cycle, r/n/repeat checks), reprs of count/repeat, type names of every iterator
import itertools as it
def t(f, *a, **k):
    try: r = f(*a, **k); print(repr(r) if not hasattr(r, '__next__') else list(r))
    except Exception as e: print(type(e).__name__, e)
t(it.islice, [1], -1); t(it.islice, [1], 'a'); t(it.islice, [1], 1, 2, 0); t(it.islice, [1]); t(it.islice, [1], 1, 2, 3, 4); t(it.islice, 1, 2)
t(it.islice, range(10), None, 5, None); t(it.islice, range(10), 2, None, 3); t(it.islice, range(10), 1, -1)
t(it.count, 'a'); t(it.repeat); t(it.repeat, 1, -1); t(it.cycle); t(it.chain, 1); t(it.chain.from_iterable, [1]); t(it.compress, [1], 1)
t(it.permutations, [1,2], -1); t(it.combinations, [1], -1); t(it.combinations_with_replacement, [1], -2); t(it.product, [1], repeat=-1); t(it.tee, [1], -1)
t(it.zip_longest, [1], foo=1); t(it.accumulate, [1], foo=1); t(it.starmap, None, [1]); t(it.groupby, 1); t(it.pairwise, 1)
print(repr(it.count()), repr(it.count(5)), repr(it.count(5, 2)), repr(it.count(1.5)), repr(it.count(1, 1.0)), repr(it.count(0, -1)))
print(repr(it.repeat('a', 3)), repr(it.repeat('a')), repr(it.repeat(1, 0)))
r = it.repeat(1, 2); next(r); print(repr(r)); c = it.count(3); next(c); print(repr(c))
for o in [it.count(), it.cycle([]), it.repeat(1), it.accumulate([]), it.chain(), it.compress([], []), it.dropwhile(None, []), it.filterfalse(None, []), it.groupby([]), it.islice([], 1), it.pairwise([]), it.starmap(None, []), it.takewhile(None, []), it.tee([])[0], it.zip_longest(), it.product(), it.permutations([]), it.combinations([], 0), it.combinations_with_replacement([], 0)]:
    print(type(o).__name__, iter(o) is o, end='; ')
print()
g = it.groupby('aabbbc'); k, grp = next(g); print(k, type(grp).__name__, list(grp))
print(it.tee([1,2], 3)[2].__class__.__name__, len(it.tee([1], 0)))
print(list(it.accumulate([1,2,3], initial=10)), list(it.accumulate([1,2,3], lambda a,b: a*b)), list(it.accumulate([], initial=5)))
t(it.accumulate, [1,'a'])
print(len(list(it.permutations(range(4), 2))), list(it.combinations('abcd', 2))[:3], list(it.product('ab', repeat=2)))
print(list(it.zip_longest('abc', 'x', fillvalue='-')))
