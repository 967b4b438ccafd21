# random: the native core _random.Random: seeding, getrandbits, getstate/setstate checks and messages, subclassing
import _random
import random
R = _random.Random
print(R.__module__, R.__name__, R.__doc__)
print(random.Random.__mro__[1] is R, isinstance(random.Random(1), R))
r = R(1)
print(r.random(), r.getrandbits(7), r.getrandbits(32), r.getrandbits(100))
# Ints seed by their absolute value, bools as ints, anything else by its hash.
print(R(-5).random() == R(5).random(), R(True).random() == R(1).random(), R(2.5).random())
print(R((1, 2)).random(), R(None).random() < 1.0)
st = R(3).getstate()
print(type(st).__name__, len(st), st[0], st[-1], min(st[:-1]) >= 0, max(st[:-1]) < 2**32)
# An instance made by __new__ alone is unseeded: all zero, and draws zeros.
z = R.__new__(R, 1, 2, 3)
print(z.random(), z.getrandbits(40), z.getstate()[:3], z.getstate()[-1])
r = R(8)
r.setstate(tuple(range(623)) + (2**32 + 5, 0))
print(r.getstate()[622], r.getstate()[-1], r.random())
tests = [
    lambda: R(1, 2), lambda: R(x=1), lambda: R().seed(1, 2), lambda: R().seed(a=1), lambda: R().seed([1]),
    lambda: R().random(1), lambda: R().random(x=1), lambda: R().getrandbits(), lambda: R().getrandbits(-1),
    lambda: R().getrandbits(1.0), lambda: R().getrandbits(2**40), lambda: R().getstate(1), lambda: R().setstate(),
    lambda: R().setstate(1), lambda: R().setstate([0] * 625), lambda: R().setstate((1,)),
    lambda: R().setstate(tuple(range(624)) + (625,)), lambda: R().setstate(tuple(range(624)) + (-1,)),
    lambda: R().setstate(tuple(range(623)) + (2**64, 0)), lambda: R().setstate(tuple(range(623)) + (-1, 0)),
    lambda: R().setstate(tuple(range(623)) + (1.0, 0)), lambda: R().setstate(tuple(range(624)) + (1.0,)),
    lambda: R().setstate(tuple(range(624)) + (2**70,)), lambda: R.random(1),
]
for i, t in enumerate(tests):
    try:
        print(i, t())
    except Exception as e:
        print(i, type(e).__name__, e)
# A failed setstate leaves the state as it was.
r = R(4)
before = r.getstate()
try:
    r.setstate(tuple(range(600)) + (-1,) + tuple(range(24)))
except OverflowError:
    pass
print(r.getstate() == before)
# Subclasses: without __init__, R's own __init__ seeds (and rejects keywords).
class S(R):
    pass
print(S(3).random() == R(3).random())
try:
    S(x=1)
except TypeError as e:
    print('TypeError', e)
s = S(9)
s.tag = 'kept'
print(s.tag, s.random())
class T(R):
    def __init__(self, a, b):
        super().__init__(a + b)
print(T(1, 2).random() == R(3).random())
