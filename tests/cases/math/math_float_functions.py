# math: the float functions give CPython's bit-exact results over a spread of arguments
import math

vals = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -3.0, 0.1, 1e-300, 5e-324, 1e300, -1e300,
        1e-21, 2.5, -2.5, 0.9999999, 140.5, -140.5, 171.5, 200.5, -200.5, 23.0, 24.0,
        710.0, -746.0, math.pi, math.inf, -math.inf, math.nan, 1.7976931348623157e308]
seed = 12345
for i in range(40):
    seed = (seed * 1103515245 + 12345) % 2**31
    a = seed
    seed = (seed * 1103515245 + 12345) % 2**31
    vals.append((a / 2**31 - 0.3) * 10.0 ** (seed % 40 - 20))

names = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'cos', 'cosh', 'erf',
         'erfc', 'exp', 'exp2', 'expm1', 'fabs', 'sin', 'sinh', 'sqrt', 'tan', 'tanh',
         'log1p', 'gamma', 'lgamma', 'log', 'log2', 'log10', 'frexp', 'modf', 'ulp',
         'degrees', 'radians', 'isfinite', 'isinf', 'isnan', 'ceil', 'floor', 'trunc']
for n in names:
    f = getattr(math, n)
    row = []
    for v in vals:
        try:
            row.append(repr(f(v)))
        except (ValueError, OverflowError) as e:
            row.append(type(e).__name__[0])
    print(n, ' '.join(row))
