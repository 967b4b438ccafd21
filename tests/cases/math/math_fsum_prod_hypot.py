# math: fsum is exactly rounded (and its special-value rules), prod with start=, n-ary hypot and dist
import math

print(sum([0.1] * 10), math.fsum([0.1] * 10))
print(math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([]), math.fsum([-0.0]), math.fsum([1, 2, 3]), math.fsum(range(10)))
print(math.fsum([2.0**53, -0.5, -2.0**-54]), math.fsum([1.0, 1e-16, 1e-16]))
print(math.fsum([math.inf, 1.0]), math.fsum([-math.inf, 1e308]), math.fsum([math.nan, 1.0]))
print(math.fsum(x / 7 for x in range(1000)))
for bad in ([1e308, 1e308], [math.inf, -math.inf], [1.0, 'x'], 5):
    try:
        print(math.fsum(bad))
    except (OverflowError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(math.prod([]), math.prod([2, 3, 4]), math.prod(range(1, 25)), math.prod([1.5, 2, 3]))
print(math.prod([2, 3], start=10), math.prod([], start='x'), math.prod(['ab'], start=3))
print(math.prod([[1]], start=2), math.prod(iter([2.5, 4])))
print(math.hypot(), math.hypot(-3), math.hypot(3, 4), math.hypot(1, 2, 3, 4, 5))
print(math.hypot(1e308, 1e308), math.hypot(5e-324, 5e-324), math.hypot(1e-320, 3e-320))
print(math.hypot(math.inf, math.nan), math.hypot(math.nan, 1), math.hypot(-0.0, 0.0))
print(math.hypot(*[0.1 * k for k in range(50)]), math.hypot(2**1000, 1))
print(math.dist((0, 0), (3, 4)), math.dist([1, 2, 3], (4, 5, 6)), math.dist((), ()))
print(math.dist((1.5,), (-2.5,)), math.dist(iter([1, 1]), (1, 1)), math.dist((math.inf,), (1,)))
# all coordinates below 2**-1024: 3.11 divides by the largest (3.12 rescales)
sub = [float.fromhex(s) for s in ['0x0.0f5644e8e9121p-1022', '0x0.014275e6c1312p-1022',
                                  '0x0.0b3c4d5e6f701p-1022', '0x0.0000000000003p-1022']]
print(math.hypot(sub[0], sub[1]).hex(), math.hypot(*sub).hex(), math.dist(sub[:2], sub[2:]).hex())
