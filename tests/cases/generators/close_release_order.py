# Closing a suspended generator (explicitly, or by dropping it) releases
# its frame: what is on its value stack first, then its locals in order;
# `finally` blocks and `with` exits run; a generator that ignores
# GeneratorExit is an error.
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def plain():
    a = Noisy("a")
    b = Noisy("b")
    yield 1
    c = Noisy("c")
    yield 2


g = plain()
print(next(g))
print("closing")
g.close()
print("closed", g.gi_frame, list(g))
g.close()

g = plain()
next(g)
next(g)
print("dropping")
del g
print("dropped")


def in_loop():
    for n in [Noisy("item1"), Noisy("item2")]:
        x = Noisy("x of " + n.name)
        yield n.name


g = in_loop()
print(next(g))
print("closing loop")
g.close()
print("loop closed")


def protected():
    a = Noisy("pa")
    try:
        yield 1
        yield 2
    finally:
        print("finally runs")
    b = Noisy("pb")


g = protected()
next(g)
g.close()
print("after protected")


class CM:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        print("exit", exc[0].__name__)


def with_block():
    with CM():
        yield 1


g = with_block()
next(g)
del g
print("after with")


def stubborn():
    ignored = 0
    while True:
        try:
            yield 1
        except GeneratorExit:
            if ignored:
                print("giving up")
                return
            ignored += 1
            print("ignoring")


g = stubborn()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError", e)


def inner():
    x = Noisy("inner x")
    yield 1
    yield 2


def outer():
    y = Noisy("outer y")
    yield from inner()


g = outer()
next(g)
print("closing delegating")
g.close()
print("after delegating")

# Short-circuiting consumers drop the generator right away.
print(any(n > 2 for n in range(10)))
print(all(n < 2 for n in range(10)))
print(next(x for x in "abc"))
