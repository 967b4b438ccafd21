# Instances with __call__ used as callbacks, keys, and decorators; callable() checks.
class Counter:
    def __init__(self):
        self.calls = 0
    def __call__(self, *args, **kwargs):
        self.calls += 1
        return (args, sorted(kwargs.items()))

class Multiplier:
    def __init__(self, k): self.k = k
    def __call__(self, x): return x * self.k

class Trace:
    def __init__(self, fn):
        self.fn = fn
        self.__name__ = fn.__name__
    def __call__(self, *a):
        r = self.fn(*a)
        print("  %s%r -> %r" % (self.__name__, a, r))
        return r

def apply_all(callbacks, value):
    return [cb(value) for cb in callbacks]

c = Counter()
print(c(1, 2, x=3), c(), c.calls)
print(apply_all([Multiplier(2), Multiplier(3), str, abs], -4))
print(sorted([3, 1, 2], key=Multiplier(-1)))
print(list(map(Multiplier(10), [1, 2])))

@Trace
def add(a, b):
    return a + b
add(1, 2)
print(add.__name__, type(add).__name__)
print(callable(c), callable(Multiplier), callable(5), callable(Multiplier(1)))
class NotCallable: pass
try:
    NotCallable()()
except TypeError as e:
    print("TypeError:", e)
