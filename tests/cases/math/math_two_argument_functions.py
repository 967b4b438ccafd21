# math: atan2, copysign, remainder, fmod, pow, nextafter, hypot, log(x, base), ldexp over pairs with special values
import math

vals = [0.0, -0.0, 0.5, -1.0, 1.0, 2.0, -2.5, 3.0, 1e-310, 1e300, -7.25,
        math.inf, -math.inf, math.nan]
for n in ['atan2', 'copysign', 'remainder', 'fmod', 'pow', 'nextafter', 'hypot', 'log']:
    f = getattr(math, n)
    for x in vals:
        row = []
        for y in vals:
            try:
                row.append(repr(f(x, y)))
            except (ValueError, OverflowError, ZeroDivisionError) as e:
                row.append(type(e).__name__[0])
        print(n, repr(x), ' '.join(row))
for x in vals:
    row = []
    for e in (-1080, -1074, -1, 0, 1, 52, 1023):
        try:
            row.append(math.ldexp(x, e))
        except OverflowError as e:
            row.append(str(e))
    print('ldexp', repr(x), row)
print(math.ldexp(1.0, -10**30), math.ldexp(-1.0, -2**63), math.ldexp(0.0, 10**30))
print(math.ldexp(math.inf, 10**30), math.ldexp(True, True))
print(math.remainder(2.5, 1.0), math.remainder(3.5, 1.0), math.remainder(-2.5, 1.0))
print(math.pow(-2.0, 3.0), math.pow(-8.0, 1/3) if False else 0, math.pow(1.0, math.nan),
      math.pow(math.nan, 0.0), math.pow(-math.inf, 3.0), math.pow(-math.inf, -3.0))
