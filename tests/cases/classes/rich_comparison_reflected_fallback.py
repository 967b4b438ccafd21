# Every rich comparison: NotImplemented makes Python try the reflected method, then the default.
class Num:
    def __init__(self, v, name):
        self.v, self.name = v, name
    def _cmp(self, op, other, fn):
        print("  %s.%s(%s)" % (self.name, op, getattr(other, "name", repr(other))))
        if not isinstance(other, Num):
            return NotImplemented
        return fn(self.v, other.v)
    def __lt__(self, o): return self._cmp("__lt__", o, lambda a, b: a < b)
    def __le__(self, o): return self._cmp("__le__", o, lambda a, b: a <= b)
    def __gt__(self, o): return self._cmp("__gt__", o, lambda a, b: a > b)
    def __ge__(self, o): return self._cmp("__ge__", o, lambda a, b: a >= b)
    def __eq__(self, o): return self._cmp("__eq__", o, lambda a, b: a == b)
    def __ne__(self, o): return self._cmp("__ne__", o, lambda a, b: a != b)

class Sub(Num):
    pass

a, b = Num(1, "a"), Num(2, "b")
s = Sub(1, "s")
print(a < b, a <= b, a > b, a >= b, a == b, a != b)
print("subclass reflected first:")
print(a < s, a == s)
print("mixed with int:")
print(a == 1, a != 1)
for expr in ("a < 1", "1 >= a"):
    try:
        print(expr, (a < 1) if expr == "a < 1" else (1 >= a))
    except TypeError as e:
        print("TypeError:", e)

class Never:
    name = "never"
    def __eq__(self, o): return NotImplemented
n = Never()
print(n == n, n != n, n == Never(), n != a)
