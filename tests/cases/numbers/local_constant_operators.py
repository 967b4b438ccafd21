# `local <op> constant`, `local[constant]` and `value <op> constant` run as
# one fused instruction in ouro; every result, error and count must be what
# the three (or two) plain instructions give.
import sys


def arith(i, f, b):
    print(i + 1, i - 1, i * 2, i // 3, i % 3, i ** 2, i / 4, i << 2, i >> 1, i & 6, i | 8, i ^ 5)
    print(f + 1, f - 1, f * 2, f / 4, f ** 2, f // 2, f % 2)
    print(i + 0.5, i * 0.5, i - 0.25, i / 0.5, i ** 0.5, i // 0.5, i % 0.5)
    print(b + 1, b + 0.5, b * 2.0, -b + True)
    print((i + f) % 7, (i * 3) - 2, (f * 3) + 0.5, (i + 1) * 1.5)


arith(7, 2.5, True)
arith(-7, -2.5, False)


def overflow(i):
    print(i * 2, i + 1, i ** 3, -i - 2)


overflow(2 ** 62)
overflow(-(2 ** 62))


def float_edges(i, f):
    print(i * 1e308, f * 1e308, i ** 0.5, i / 3.0)
    for expr in (lambda: i / 0.0, lambda: f / 0, lambda: f // 0.0, lambda: i % 0.0,
                 lambda: f ** -1.5, lambda: 0.0 ** -1):
        try:
            print(expr())
        except ZeroDivisionError as e:
            print("ZeroDivisionError:", e)


float_edges(10, 0.0)
float_edges(-8, -8.0)
print((-8) ** (1 / 3) == complex(-8) ** (1 / 3))


def errors(x):
    try:
        print(x + 1)
    except TypeError as e:
        print("TypeError:", e)
    try:
        print(x[0])
    except (TypeError, IndexError, KeyError) as e:
        print(type(e).__name__, e)


errors("s")
errors([])
errors({})
errors(None)
errors((9,))


def unbound():
    try:
        print(y + 1)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    try:
        print(y[0])
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    y = 1


unbound()


def subscripts(t, l, d, s):
    print(t[0], t[-1], l[1], l[-2], d["a"], d[1], s[2], s[-1])
    print(t[0:2], l[::2], s[1:])


subscripts((1, 2, 3), [4, 5, 6], {"a": 7, 1: 8}, "abc")


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        # The operand on the left is held by the caller's stack as well as
        # its local and this frame's `self`.
        print("add, count", sys.getrefcount(self))
        return Num(self.v + other)

    def __radd__(self, other):
        return Num(other + self.v)

    def __getitem__(self, k):
        print("getitem, count", sys.getrefcount(self))
        return self.v * k

    def __mod__(self, k):
        return self.v % k


def dunders():
    n = Num(5)
    print((n + 1).v)
    print(n[3])
    print(Num(9) % 4)
    m = Num(2)
    print((m + 1 + 1).v)


dunders()


class MyInt(int):
    def __add__(self, other):
        return "MyInt.__add__"


class MyFloat(float):
    def __mul__(self, other):
        return "MyFloat.__mul__"


def subclasses(a, b):
    print(a + 1, b * 2.0, a + 0.5, b * 2)


subclasses(MyInt(3), MyFloat(1.5))


def loop(n):
    acc = 0
    t = 0.0
    for i in range(n):
        acc += i % 7
        t += i * 0.5
    return acc, t


print(loop(1000))
