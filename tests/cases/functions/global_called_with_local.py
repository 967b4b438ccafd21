# `global(local)` — LOAD_GLOBAL, LOAD_FAST, CALL 1 — runs as one
# instruction in ouro, with `len` of a builtin container answered in place.
# Every result, error, traceback line and count must be the plain three's.
import sys


def lengths(s, t, l, d, st, b):
    print(len(s), len(t), len(l), len(d), len(st), len(b))


lengths("héllo", (1, 2), [1, 2, 3], {"a": 1}, {1, 2, 3, 4}, b"bytes")
lengths("", (), [], {}, set(), b"")


class Sized(list):
    def __len__(self):
        return 42


class Weird:
    def __len__(self):
        return -1


def custom(x):
    try:
        print(len(x))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


custom(Sized([1]))
custom(Weird())
custom(5)
custom(None)


def helper(v):
    # The argument is held by the caller's stack and this frame's local.
    print("helper, count", sys.getrefcount(v))
    return v * 2


def calls(x):
    print(helper(x))
    print(abs(x), str(x), repr(x), type(x).__name__)
    obj = object()
    print(helper(obj) if False else "skipped")


calls(float("2.5"))
calls(float("-3.5"))


def shadowed(x):
    return len(x)


print(shadowed([1, 2]))
len = lambda x: "global len"  # noqa: E731
print(shadowed([1, 2]))
del len
print(shadowed([1, 2]))


def missing(x):
    try:
        return undefined_function(x)
    except NameError as e:
        print("NameError:", e)


missing(1)


def unbound():
    try:
        print(len(y))
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    y = []


unbound()


def depth(n):
    return depth(n)


try:
    depth(1)
except RecursionError as e:
    print("RecursionError:", e)


def count_loop(items):
    total = 0
    for it in items:
        total += len(it)
    return total


print(count_loop(["ab", (1, 2, 3), [4], {5: 6}] * 100))
