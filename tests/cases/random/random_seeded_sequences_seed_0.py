# random: seed 0: every Random method gives CPython's exact sequence (MT19937, init_by_array, 53-bit floats, getrandbits rejection)
import random
out = []
for s in [0]:
    r = random.Random(s)
    out.append(('seed', s))
    out.append([r.random() for _ in range(3)])
    out.append([r.randrange(1000) for _ in range(5)] + [r.randrange(-50, 50, 3) for _ in range(3)] + [r.randrange(2**70)])
    out.append([r.randint(1, 6) for _ in range(10)])
    out.append([r.choice('abcdefg') for _ in range(5)])
    l = list(range(20)); r.shuffle(l); out.append(l)
    out.append(r.sample(range(100), 10))
    out.append(r.sample(range(10**6), 30))
    out.append(r.sample(['a', 'b', 'c'], 3, counts=[2, 3, 1]))
    out.append(r.sample('xyz', 2))
    out.append(r.choices('abc', k=5))
    out.append(r.choices('abc', [1, 2, 3], k=5))
    out.append(r.choices('abc', cum_weights=[0.5, 0.7, 3], k=5))
    out.append([r.uniform(-2, 5), r.triangular(), r.triangular(1, 5, 2), r.triangular(2, 2), r.gauss(), r.gauss(3, 2), r.gauss()])
    out.append([r.normalvariate(), r.normalvariate(10, 0.5), r.lognormvariate(0, 1), r.expovariate(2.5)])
    out.append([r.vonmisesvariate(1, 4), r.vonmisesvariate(0, 0), r.gammavariate(0.5, 2), r.gammavariate(1, 3), r.gammavariate(9, 0.5)])
    out.append([r.betavariate(2, 3), r.betavariate(0.5, 0.5), r.paretovariate(3), r.weibullvariate(1, 1.5)])
    out.append([r.getrandbits(k) for k in (0, 1, 31, 32, 33, 64, 65, 200)])
    st = r.getstate()
    a = [r.random() for _ in range(320)]
    r.setstate(st)
    b = [r.random() for _ in range(320)]
    out.append((a == b, st[0], len(st[1]), a[-1]))
for o in out: print(o)
