# functools: partial calls/flattening/attributes, partialmethod binding, lru_cache hits/eviction/typed/cache_info, wraps, total_ordering, cmp_to_key, cached_property, singledispatch
import functools

def f(a, b, c=0, *, d=1):
    return (a, b, c, d)

p = functools.partial(f, 1, c=3)
print(p(2), p(2, d=4), p.func is f, p.args, p.keywords)
q = functools.partial(p, 5, d=9)
print(q.func is f, q.args, q.keywords, q())
print(repr(functools.partial(max, 1, key=abs)))
p.attr = 'x'
r = functools.partial(p, 6)
print(r.func is p, r.args, p.attr)
class Sub(functools.partial):
    pass
s = Sub(f, 1)
print(type(s).__name__, s(2), isinstance(s, functools.partial), repr(Sub(max, 2)))
print(functools.reduce(lambda x, y: x * y, range(1, 6)), functools.reduce(lambda x, y: x + y, [], 'init'), functools.reduce(lambda x, y: x + y, ['a'], 'b'))

class Cell:
    def __init__(self):
        self.v = None
    def set(self, v, tag=''):
        self.v = (v, tag)
    set_one = functools.partialmethod(set, 1)
    set_two = functools.partialmethod(set, 2, tag='two')
c = Cell()
c.set_one(); print(c.v)
c.set_two(); print(c.v)
print(type(Cell.__dict__['set_one']).__name__)

calls = []
@functools.lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x
print([sq(n) for n in (1, 2, 1, 3, 2, 1)], calls)
print(sq.cache_info(), sq.cache_info().currsize, sq.cache_info()[0])
sq.cache_clear(); print(sq.cache_info())
print(sq.__name__, sq.__wrapped__.__name__, sq.cache_parameters())

@functools.lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30), fib.cache_info())

@functools.lru_cache(typed=True)
def ident(x):
    calls.append(('t', x))
    return x
calls.clear(); ident(1); ident(1.0); ident(1); print(calls, ident.cache_info())

@functools.cache
def kw(a, b=0):
    calls.append((a, b))
    return a + b
calls.clear(); kw(1, b=2); kw(1, b=2); kw(1, 2); print(calls, kw.cache_info())

@functools.lru_cache(maxsize=0)
def nocache(x):
    return x
nocache(1); nocache(1); print(nocache.cache_info())

class Obj:
    @functools.lru_cache
    def method(self, x):
        return x + 1
o = Obj()
print(o.method(1), o.method(1), Obj.method.cache_info())

def deco(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        "wrapper doc"
        return fn(*a, **k)
    return wrapper
@deco
def documented(x: int) -> int:
    "The doc."
    return x
documented.__dict__['extra'] = 1
print(documented.__name__, documented.__doc__, documented.__annotations__, documented.__wrapped__.__name__, documented(3))
def other(): pass
other.marker = 'm'
def w2(): pass
functools.update_wrapper(w2, other, assigned=('__doc__',), updated=('__dict__',))
print(w2.__name__, w2.marker, w2.__wrapped__ is other)

@functools.total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
    def __lt__(self, other):
        if not isinstance(other, V):
            return NotImplemented
        return self.v < other.v
print(V(1) < V(2), V(1) > V(2), V(2) >= V(2), V(1) <= V(0), V.__gt__.__name__)
try:
    V(1) > 3
except TypeError as e:
    print(e)

@functools.total_ordering
class G:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
    def __ge__(self, other):
        return self.v >= other.v
print(G(1) < G(2), G(1) > G(2), G(2) <= G(2), sorted([G(3), G(1), G(2)], key=lambda g: g)[0].v)

def cmp(a, b):
    return (a > b) - (a < b)
print(sorted([3, 1, 2], key=functools.cmp_to_key(cmp)), sorted('bca', key=functools.cmp_to_key(lambda a, b: cmp(b, a))))
k = functools.cmp_to_key(cmp)
print(k(1) < k(2), k(2) == k(2), k(3) >= k(4), k(5).obj)

class Data:
    def __init__(self):
        self.n = 0
    @functools.cached_property
    def value(self):
        "computed once"
        self.n += 1
        return self.n * 10
d = Data()
print(d.value, d.value, d.n, 'value' in d.__dict__, Data.value.__doc__, type(Data.value).__name__, Data.value.attrname)
del d.value
print(d.value)

@functools.singledispatch
def show(x):
    return 'object ' + repr(x)
@show.register
def _(x: int):
    return 'int %d' % x
@show.register(list)
def _(x):
    return 'list of %d' % len(x)
def show_str(x):
    return 'str ' + x
show.register(str, show_str)
print(show(1), show(True), show([1, 2]), show('s'), show(2.5), show.dispatch(bool).__name__, show.registry[str] is show_str)
print(sorted(t.__name__ for t in show.registry))

class Shape:
    @functools.singledispatchmethod
    def area(self, arg):
        return 'generic'
    @area.register
    def _(self, arg: int):
        return 'int area %d' % arg
print(Shape().area(3), Shape().area('x'))
