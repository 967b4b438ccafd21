# math: asinh/acosh/atanh/erf/erfc/cbrt give glibc's exact bits at every branch point of glibc's code and on random arguments
import math

def h(f, *a):
    try:
        return f(*a).hex()
    except ValueError:
        return 'V'
    except OverflowError:
        return 'O'

def near(x):
    # x and its neighbours, one ulp either side
    return [math.nextafter(x, -math.inf), x, math.nextafter(x, math.inf)]

fx = float.fromhex
special = [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, -5e-324, 2.2250738585072014e-308,
           1.7976931348623157e308, -1.7976931348623157e308, 1e-310]
branch = {
    'asinh': [2.0**-28, 2.0, 2.0**28, fx('0x1.0000100000000p+28'), 1e-5, 0.7],
    'acosh': [1.0, 2.0, 2.0**28, 1.5, 1e10, 0.5],
    'atanh': [2.0**-28, 0.5, 1.0, 0.25, 0.99],
    'erf': [2.0**-28, 0.84375, 1.25, fx('0x1.6db6e00000000p+1'), 6.0, 1e-300, 1e-310, 0.3],
    'erfc': [2.0**-56, 0.25, 0.84375, 1.25, fx('0x1.6db6d00000000p+1'), 6.0, 26.5, 28.0, 0.6],
    'cbrt': [1.0, 2.0, 4.0, 8.0, 27.0, 0.5, 0.25, 1000.0, 1e-320, 1e300],
}
state = 20240611
def rnd():
    # the same pseudo-random doubles under any interpreter: a 64-bit LCG
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    sign = '-' if state >> 63 else ''
    return fx(f'{sign}0x1.{(state >> 8) % 2**52:013x}p{state % 16 - 10}')

for name, points in branch.items():
    f = getattr(math, name)
    args = special + [y for x in points for s in (1.0, -1.0) for y in near(s * x)]
    args += [rnd() for i in range(20)]
    print(name, ' '.join(h(f, x) for x in args))
