# itertools' native iterator types: names, module, iter(x) is x, gc tracking, subclasses overriding __next__, cycles through iterators collected
import gc
import itertools
import weakref

makers = {
    'count': lambda: itertools.count(),
    'repeat': lambda: itertools.repeat(1, 2),
    'chain': lambda: itertools.chain('ab'),
    'islice': lambda: itertools.islice('abc', 2),
    'accumulate': lambda: itertools.accumulate([1, 2]),
    'starmap': lambda: itertools.starmap(pow, [(1, 2)]),
    'cycle': lambda: itertools.cycle('ab'),
    'pairwise': lambda: itertools.pairwise('abc'),
    'zip_longest': lambda: itertools.zip_longest('a', 'bc'),
    'compress': lambda: itertools.compress('ab', [1, 1]),
    'dropwhile': lambda: itertools.dropwhile(bool, [0, 1]),
    'takewhile': lambda: itertools.takewhile(bool, [1, 0]),
    'filterfalse': lambda: itertools.filterfalse(None, [0, 1]),
    'permutations': lambda: itertools.permutations('ab'),
    'combinations': lambda: itertools.combinations('ab', 1),
    'combinations_with_replacement': lambda: itertools.combinations_with_replacement('ab', 1),
    'product': lambda: itertools.product('ab'),
}
for name, make in makers.items():
    t = getattr(itertools, name)
    x = make()
    print(name, t, t.__name__, t.__module__, type(x) is t, iter(x) is x,
          gc.is_tracked(x), repr(x).split(' object at ')[0] if ' at ' in repr(x) else repr(x))
    print('  ', next(x), list(itertools.islice(x, 5)))


class Count(itertools.count):
    pass


c = Count(3)
print(next(c), c, isinstance(c, itertools.count), type(c).__mro__)


class Rep(itertools.repeat):
    pass


print(Rep('a', 2), list(Rep('a', 2)))


class Twice(itertools.chain):
    def __next__(self):
        v = super().__next__()
        return v * 2


print(list(Twice('ab', 'c')))


class Logged(itertools.islice):
    def __init__(self, *args):
        self.log = []

    def __next__(self):
        v = super().__next__()
        self.log.append(v)
        return v


lg = Logged(range(10), 2, 8, 2)
print(list(lg), lg.log, lg.__dict__)
ch = Twice.from_iterable(['xy'])
print(type(ch).__name__, list(ch))
print(type(itertools.chain.from_iterable([])).__name__)


class Acc(itertools.accumulate):
    def __next__(self):
        return -super().__next__()


print(list(Acc([1, 2, 3])))

# Cycles through iterators are collected.
class Box:
    pass


c = [Box()]
it = itertools.cycle(c)
c.append(it)
r = weakref.ref(c[0])
del c, it
gc.collect()
print(r() is None)


def check(make):
    b = Box()
    b.it = make(b)
    r = weakref.ref(b)
    del b
    gc.collect()
    return r() is None


print(check(lambda b: itertools.repeat(b)))
print(check(lambda b: itertools.count(0, 1.0) if False else itertools.accumulate([b], initial=b)))
print(check(lambda b: itertools.chain([b], [b])))
print(check(lambda b: itertools.islice([b], 1)))
print(check(lambda b: itertools.starmap(b.__class__, [()])))
print(check(lambda b: itertools.zip_longest([b], fillvalue=b)))
print(check(lambda b: itertools.dropwhile(lambda x: b, [b])))
print(check(lambda b: itertools.takewhile(lambda x: b, [b])))
print(check(lambda b: itertools.filterfalse(lambda x: b, [b])))
print(check(lambda b: itertools.compress([b], [b])))
print(check(lambda b: itertools.pairwise([b, b, b])))
cy = lambda b: itertools.cycle([b, 1])


def consumed(b):
    x = itertools.cycle([b, 1])
    next(x)
    next(x)
    return x


print(check(cy), check(consumed))


def pw(b):
    x = itertools.pairwise([b, b, b])
    next(x)
    return x


print(check(pw))
print(check(lambda b: itertools.combinations([b], 1)))
print(check(lambda b: itertools.combinations_with_replacement([b], 2)))
