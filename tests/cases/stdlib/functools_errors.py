# functools: reduce, partial, partialmethod, lru_cache/cache, wraps, total_ordering, cmp_to_key, cached_property, singledispatch errors and reprs
import functools
class P(functools.partial): pass
def f(a, b=1): return a + b
print(repr(P(f, 1)).split(' at ')[0], repr(functools.partial(f, 1, b=2)).split(' at ')[0])
for args in [(), (1,)]:
    try: functools.partial(*args)
    except Exception as e: print(type(e).__name__, e)
p = functools.partial(f, 1)
try: p.func = 2
except Exception as e: print(type(e).__name__, e)
try: functools.reduce()
except Exception as e: print(type(e).__name__, e)
try: functools.reduce(f, [], 1, 2)
except Exception as e: print(type(e).__name__, e)
try: functools.reduce(f, [])
except Exception as e: print(type(e).__name__, e)
try: functools.reduce(f, 1)
except Exception as e: print(type(e).__name__, e)
try: functools.partialmethod(1)
except Exception as e: print(type(e).__name__, e)
print(repr(functools.partialmethod(f, 1, x=2)).split(' at ')[0])
try: functools.lru_cache('x')
except Exception as e: print(type(e).__name__, e)
c = functools.lru_cache(f)
print(type(c).__name__, type(c).__module__, c.cache_parameters(), functools.lru_cache(maxsize=-3)(f).cache_info())
ci = c.cache_info(); print(type(ci).__name__, ci._fields, ci.hits, isinstance(ci, tuple))
try: functools.total_ordering(type('X', (), {}))
except Exception as e: print(type(e).__name__, e)
sd = functools.singledispatch(f)
for a in [(1,), ('x',)]:
    try: sd.register(*a)
    except Exception as e: print(type(e).__name__, e)
try: sd()
except Exception as e: print(type(e).__name__, e)
try:
    @sd.register
    def _(x): pass
except Exception as e: print(type(e).__name__, e)
class N: pass
try: functools.cached_property(f).__get__(N())
except Exception as e: print(type(e).__name__, e)
class S:
    __slots__ = ()
    @functools.cached_property
    def v(self): return 1
try: S().v
except Exception as e: print(type(e).__name__, e)
try:
    cp = functools.cached_property(f)
    class Q:
        a = cp
        b = cp
except Exception as e: print(type(e).__name__, e, repr(e.__cause__))
k = functools.cmp_to_key(lambda a, b: a - b)
print(type(k).__name__, type(k(1)).__name__)
try: hash(k(1))
except Exception as e: print(type(e).__name__, e)
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)
print(type(functools.partial(f, 1).keywords), functools.partial(functools.partial(f, 1), b=3).args)

