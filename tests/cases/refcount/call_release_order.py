# When the callee returns, the arguments a call held are released in
# CPython's order: the callable first, then the arguments in order (or, for
# `f(*seq)`, as the tuple frees its items: last first).
class F:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)

class C:
    def __init__(self, a, b):
        print("C.__init__")

class Kw:
    def __init__(self, a, b=None):
        print("Kw.__init__")

class Callme(F):
    def __call__(self, a, b=None):
        print("__call__")

def f(a, b, c=None):
    print("f")

C(F(1), F(2)); print("--")
Kw(F(1), b=F(2)); print("--")
Callme("callable")(F(1), F(2)); print("--")
Callme("callable")(F(1), b=F(2)); print("--")
f(*[F(1), F(2)]); print("--")
f(*[F(1), F(2)], **{'c': F(3)}); print("--")
f(F(1), *[F(2)], c=F(3)); print("--")
list(map(f, [F(1)], [F(2)])); print("--")

class Raises:
    def __init__(self, a):
        raise ValueError("no")
try:
    Raises(F(1))
except ValueError as e:
    print("caught", e)
print("--")
try:
    Callme("callable")()
except TypeError as e:
    print(e)
print("end")
