# math: factorial, comb, perm, gcd, lcm, isqrt with big ints, bools and __index__
import math

class Idx:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v

print([math.factorial(n) for n in range(12)])
print(math.factorial(100))
print(len(str(math.factorial(1000))), math.factorial(True), math.factorial(Idx(5)))
print([math.comb(10, k) for k in range(12)])
print(math.comb(100, 50), math.comb(2**70, 3), math.comb(10**20, 10**20 - 2))
print([math.perm(6, k) for k in range(8)], math.perm(6), math.perm(6, None))
print(math.perm(2**65, 2), math.perm(Idx(7), Idx(3)))
print(math.gcd(), math.gcd(0), math.gcd(-12), math.gcd(12, 18), math.gcd(12, -18, 8))
print(math.gcd(2**200 * 3, 2**150 * 9), math.gcd(0, 0), math.gcd(True, 4))
print(math.lcm(), math.lcm(0), math.lcm(-4), math.lcm(4, 6), math.lcm(4, 6, 0), math.lcm(*range(1, 30)))
print(math.lcm(2**100, 3**50))
print([math.isqrt(n) for n in range(20)])
print(math.isqrt(10**100), math.isqrt(10**100 - 1), math.isqrt(2**127 - 1), math.isqrt(Idx(99)))
for f, args in [(math.factorial, (-1,)), (math.factorial, (2**64,)), (math.factorial, (5.0,)),
                (math.comb, (5, -1)), (math.comb, (-5, 1)), (math.comb, (10**30, 10**25)),
                (math.perm, (5, -1)), (math.perm, (-5,)), (math.perm, (10**30, 10**25)),
                (math.perm, ()), (math.perm, (1, 2, 3)), (math.isqrt, (-1,)),
                (math.isqrt, (2.0,)), (math.gcd, (1, 2.0)), (math.lcm, ('a',)),
                (math.comb, (1.5, 1))]:
    try:
        print(f(*args))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
