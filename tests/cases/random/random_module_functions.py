# random: module-level functions share one hidden instance; getstate/setstate round-trip; seed(None); subclasses
import random

random.seed(2024)
a = [random.random(), random.randint(1, 100), random.choice('hello'), random.getrandbits(40),
     random.randrange(0, 1000, 5), random.uniform(1, 2), random.gauss(0, 1)]
l = [1, 2, 3, 4, 5, 6]
random.shuffle(l)
a += [l, random.sample(l, 3), random.choices(l, k=4), random.triangular(0, 10, 8),
      random.normalvariate(1, 2), random.lognormvariate(0, 0.5), random.expovariate(1),
      random.vonmisesvariate(3, 1), random.gammavariate(2, 2), random.betavariate(1, 2),
      random.paretovariate(1.5), random.weibullvariate(2, 3)]
for x in a:
    print(x)

state = random.getstate()
print(type(state).__name__, state[0], len(state[1]), state[1][-1], state[2])
first = [random.random() for _ in range(5)]
random.setstate(state)
print(first == [random.random() for _ in range(5)])

# gauss keeps its second value in the state.
random.seed(5)
random.gauss()
st = random.getstate()
print(st[2] is not None, random.gauss() == st[2])

# Seeding from an int uses its absolute value; equal seeds, equal sequences.
r1, r2, r3 = random.Random(10**30), random.Random(-10**30), random.Random(10**30 + 1)
x1, x2, x3 = r1.random(), r2.random(), r3.random()
print(x1 == x2, x1 == x3, x1)

# seed(None) and Random() draw from the clock: only check the range.
random.seed()
r = random.Random()
print(0.0 <= random.random() < 1.0, 0.0 <= r.random() < 1.0, 0 <= r.randrange(7) < 7)

class Shifted(random.Random):
    def random(self):
        return super().random() / 2

s = Shifted(3)
print(s.random(), s.randrange(1000), s.choice(range(50)), s.uniform(0, 10))
print(isinstance(s, random.Random), random.Random.VERSION, 'sample' in random.__all__)
