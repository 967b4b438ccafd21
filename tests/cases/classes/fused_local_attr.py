# `self.x`, `self.m()` and `self.x = v` run as one superinstruction in ouro
# (a local and the attribute instruction after it): counts, hooks, errors
# and the line of each failure must be what the two instructions give.
import sys


class P:
    def __init__(self, x):
        self.x = x
        self.y = x * 2

    @property
    def count(self):
        # The object is held by its slot and by the load in progress.
        return sys.getrefcount(self)

    def m(self, k):
        return self.x + k

    def move(self, d):
        self.x = self.x + d
        self.y = self.m(d)
        return self.x, self.y


p = P(3)
print(p.move(4), p.count, sys.getrefcount(p))


class Hooked:
    def __getattr__(self, name):
        return "missing " + name

    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)


h = Hooked()
h.a = 1
print(h.a, h.b)


def shadow():
    # An instance attribute shadows the class's method.
    q = P(1)
    q.m = lambda k: "instance " + str(k)
    return q.m(5)


print(shadow())


def bad_load():
    q = P(1)
    return q.x + q.nope


def bad_method():
    q = P(1)
    return q.nope()


def bad_store():
    q = (1, 2)
    q.x = 5


def unbound():
    r = q.x
    q = P(1)
    return r


for f in (bad_load, bad_method, bad_store, unbound):
    try:
        f()
    except (AttributeError, UnboundLocalError) as e:
        tb = e.__traceback__
        while tb.tb_next:
            tb = tb.tb_next
        print(type(e).__name__, e, tb.tb_lineno)


def deep(q):
    return q.x.real.imag + q.nope


deep(P(2))
