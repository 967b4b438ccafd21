# math: the functions that reach glibc through Rust's std (and the exact ldexp/nextafter/frexp) give python3's bits
import math

def h(f, *a):
    try:
        r = f(*a)
    except ValueError:
        return 'V'
    except OverflowError:
        return 'O'
    return r.hex() if isinstance(r, float) else repr(r)

fx = float.fromhex
special = [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, -1e-310, 1.0, -1.0, 0.5, 2.0,
           1e-300, 1e300, 709.79, -745.2, 1024.5, math.pi / 2, 1e22]
state = 7777
def rnd(lo, hi):
    # the same pseudo-random doubles under any interpreter: a 64-bit LCG
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    sign = '-' if state >> 63 else ''
    return fx(f'{sign}0x1.{(state >> 8) % 2**52:013x}p{state % (hi - lo) + lo}')

one = ['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'exp', 'exp2',
       'expm1', 'log', 'log2', 'log10', 'log1p', 'frexp', 'gamma', 'lgamma']
for name in one:
    f = getattr(math, name)
    args = special + [rnd(-12, 6) for i in range(10)] + [rnd(-1074, 1024) for i in range(4)]
    print(name, ' '.join(h(f, x) for x in args))

two = ['atan2', 'pow', 'fmod', 'remainder', 'nextafter']
pairs = [(0.0, -0.0), (-0.0, 0.0), (1.0, math.inf), (math.inf, 1.0), (5e-324, -1.0),
         (-5e-324, 1.0), (1.7976931348623157e308, math.inf), (math.inf, 0.0), (2.0, 0.5),
         (-8.0, 1 / 3), (-2.0, 3.0), (10.0, -320.0), (1e300, 1e300)]
for name in two:
    f = getattr(math, name)
    args = pairs + [(rnd(-8, 8), rnd(-8, 8)) for i in range(12)]
    print(name, ' '.join(h(f, x, y) for x, y in args))

# ldexp rounds a subnormal result once, ties to even
ld = [(1.0, -1075), (3.0, -1075), (1.5, -1075), (0.75, -1074), (fx('0x1.8p-1'), -1073),
      (fx('0x1.fffffffffffffp+0'), -1023), (fx('0x1.fffffffffffffp+0'), -1075),
      (1.0, 1023), (1.0, 1024), (-1.0, -2000), (5e-324, 1074), (5e-324, 2098),
      (fx('0x1.0000000000001p+0'), -1060), (fx('0x1.0000000000003p+0'), -1073), (2.0, 10**20)]
print('ldexp', ' '.join(h(math.ldexp, x, e) for x, e in ld))
print('ulp', ' '.join(h(math.ulp, x) for x in special))
