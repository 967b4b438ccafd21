# Generators resumed by `for` and by `yield from` / `await` run in the
# same loop as their caller; everything observable must be as in CPython.
import sys


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"


print(list(count(3)), [x * 2 for x in count(4)], sum(count(5)))

# An exception raised inside the generator reaches the loop's handler
# with the generator's and the caller's traceback entries.
def boom(n):
    yield 1
    raise ValueError(n)

def run_boom():
    got = []
    try:
        for x in boom(7):
            got.append(x)
    except ValueError as e:
        tb = e.__traceback__
        names = []
        while tb is not None:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        print("caught", repr(e), got, names)

run_boom()

# Context chaining: the exception raised in the generator is chained to
# what the generator handles, and that to what the caller handles; the
# caller does not chain it again.
def chained():
    try:
        raise KeyError(1)
    except KeyError:
        raise ValueError(2)
    yield

try:
    raise TypeError(3)
except TypeError:
    for how in ("for", "next", "list"):
        try:
            if how == "for":
                for _ in chained():
                    pass
            elif how == "next":
                next(chained())
            else:
                list(chained())
        except ValueError as e:
            c = e.__context__
            print(how, repr(c), repr(c.__context__), c.__context__.__context__)

# PEP 479: StopIteration inside becomes RuntimeError, its context the
# StopIteration even while the caller handles something else.
def leaks():
    yield 1
    raise StopIteration("inner")

try:
    raise OSError("outer")
except OSError:
    try:
        for _ in leaks():
            pass
    except RuntimeError as e:
        print(repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)

# A generator that resumes itself is running.
def selfish():
    yield 1
    for _ in me:
        pass
    yield 2

me = selfish()
try:
    for v in me:
        print("selfish", v)
except ValueError as e:
    print("ValueError", e)
print(me.gi_running, me.gi_suspended)

# yield from: values sent in, the delegate's return value, exhaustion.
def inner():
    got = yield "first"
    got2 = yield f"got {got}"
    return (got, got2)

def outer():
    r = yield from inner()
    yield f"inner returned {r}"
    r2 = yield from count(2)
    yield r2

g = outer()
print(next(g), g.send("a"), g.send("b"), next(g), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)

# Coroutines awaiting coroutines, driven by send.
class Pause:
    def __await__(self):
        reply = yield "paused"
        return reply

async def leaf(x):
    return x + await Pause()

async def mid(x):
    a = await leaf(x)
    b = await leaf(a)
    return a, b

c = mid(1)
print(c.send(None), c.send(10), end=" ")
try:
    c.send(100)
except StopIteration as e:
    print("result", e.value)

# An exception thrown into a chain of delegating generators.
def deep(n):
    if n == 0:
        try:
            yield "bottom"
        except KeyError as e:
            yield f"handled {e!r}"
        return
    yield from deep(n - 1)

d = deep(5)
print(next(d), d.throw(KeyError("k")))
d.close()

# Deep recursion through generators raises RecursionError, and the
# generators involved stay usable.
def nest(n):
    if n == 0:
        yield 0
    else:
        for x in nest(n - 1):
            yield x + 1

try:
    list(nest(sys.getrecursionlimit() + 50))
except RecursionError as e:
    print("RecursionError", e)
print(list(nest(100)))

# Locals are released when a generator finishes, in slot order, and a
# finished generator is closed.
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)

def holds():
    a = Noisy("a")
    b = Noisy("b")
    yield 1
    yield 2

h = holds()
for v in h:
    print("got", v)
print("after loop", h.gi_running, h.gi_suspended)
for v in h:
    print("never")
print("end")
