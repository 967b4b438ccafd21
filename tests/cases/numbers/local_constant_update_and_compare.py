# `x += constant`, `y = x <op> constant` and `x <cmp> constant` (with or
# without a jump after it) run as one fused instruction in ouro; results,
# errors, counts and tracebacks must be the plain instructions'.
import sys


def updates(i, f, s, t):
    i += 1
    f *= 2
    s += "!"
    t += (0,)
    y = i * 3
    z = f - 0.5
    i -= 10
    print(i, f, s, t, y, z)
    big = 2 ** 62
    big += big
    big *= 4
    print(big)
    n = -(2 ** 63)
    n -= 1
    print(n)


updates(1, 1.5, "a", ())
updates(-5, -0.0, "", (1, 2))


def counting(n):
    i = 0
    total = 0
    while i < n:
        if i % 3 == 0:
            total += i
        i += 1
    return i, total


print(counting(30), counting(0))


def compares(x):
    print(x == 0, x != 0, x < 1, x <= 1, x > -1, x >= 2, x == 1.0, x < 1.5, x == "1")


for v in (0, 1, 2, -1, True, False, 1.0, 0.5, float("nan"), float("inf"), "1", None):
    try:
        compares(v)
    except TypeError as e:
        print("TypeError:", e)


def branches(x):
    if x == 0:
        return "zero"
    if x < 10:
        return "small"
    if not x > 100:
        return "medium"
    return "large"


print([branches(v) for v in (0, 5, 50, 500, -3, 2.5, 1e9)])


class Eq:
    def __eq__(self, other):
        print("Eq.__eq__ with", other, "count", sys.getrefcount(self))
        return True

    def __lt__(self, other):
        raise ValueError("no order")

    def __iadd__(self, other):
        print("Eq.__iadd__", other)
        return self


def dunders(e):
    print(e == 7)
    e += 1
    print(type(e).__name__)
    try:
        print(e < 3)
    except ValueError as err:
        print("ValueError:", err)


dunders(Eq())


def unbound_update():
    try:
        k += 1
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    try:
        print(k == 1)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    k = 0


unbound_update()


def errors(x):
    try:
        x += 1
    except TypeError as e:
        print("TypeError:", e)
    try:
        y = x // 0
    except (TypeError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
    try:
        print(x < 1)
    except TypeError as e:
        print("TypeError:", e)


errors("s")
errors(5)
errors([1])


def uncaught(x):
    y = 1
    y = x // 0
    return y


uncaught(3.5)
