# random: CPython 3.11's exceptions and messages (randrange, sample, choices, getrandbits, seed, setstate)
import random
R = random.Random(5)
tests = [lambda: R.randrange(0), lambda: R.randrange(-3), lambda: R.randrange(5, 5), lambda: R.randrange(5, 2), lambda: R.randrange(1, 10, 0),
 lambda: R.randrange(1, 10, -1), lambda: R.randrange(10, step=2), 
 lambda: R.randrange('a'), lambda: R.randint(5, 1), lambda: R.choice([]), lambda: R.getrandbits(-1), lambda: R.getrandbits(1.5), lambda: R.sample({1,2}, 1),
 lambda: R.sample([1,2], 3), lambda: R.sample([1,2], -1), lambda: R.sample([1,2], 1, counts=[1]), lambda: R.sample([1,2], 1, counts=[0,0]), lambda: R.sample([1,2],1,counts=[1.0,1]),
 lambda: R.choices([1,2], [1]), lambda: R.choices([1,2], [0,0]), lambda: R.choices([1,2], 3), lambda: R.choices([1,2],[1,1],cum_weights=[1,2]), lambda: R.choices([1,2],[1,float('inf')]),
 lambda: R.gammavariate(0, 1), lambda: R.seed([1]), lambda: R.setstate((2, (-1,)*624 + (624,), None)) or R.random(), lambda: R.setstate((4, (1,)*625, None)), lambda: R.setstate((3, [1]*625, None)), lambda: R.setstate((3, (1,)*624, None)), lambda: R.setstate((3, (1,)*624+(700,), None)),
 lambda: R.setstate(5), lambda: R.choices([], k=2), lambda: R.sample(range(10), k=3),  lambda: R.expovariate(0), lambda: R.shuffle((1,2)),
 lambda: R.choice(''), lambda: R.seed(object()), lambda: R.getrandbits(0), lambda: R.randrange(True, 3)]
for i, t in enumerate(tests):
    try:
        print(i, repr(t()))
    except Exception as e:
        print(i, type(e).__name__, e)
