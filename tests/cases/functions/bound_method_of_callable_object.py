# A bound method whose function is a callable object (what
# functools.lru_cache's __get__ makes): called from bytecode it goes on to
# the object's __call__ with the instance first, and the caller's stack
# comes back as it was, whatever the call held on the way.
import sys
import types


class Adder:
    def __call__(self, obj, x, y=None):
        return (obj.base + len(x), sys.getrefcount(x))


class Holder:
    base = 100


h = Holder()
m = types.MethodType(Adder(), h)
a = [1]
b = [1, 2]
print([m(a), m(b, y=a), m(*[a]), m(b, **{"y": b})])
print(m(a)[0] + 1000)
print(sum(m(v)[0] for v in (a, b)), [m(v, y=v)[0] for v in (a, b)])
print(len([m(a) for _ in range(100)]))
