# cmath: every function on a grid of zeros, infinities, NaNs, tiny and huge parts; bits as hex (CPython's special-value tables and errno rules)
import cmath

parts = [0.0, -0.0, 1.0, -1.0, -2.5, 1e-310, 1e308, -1.7e308, 0.71, float('inf'), -float('inf'), float('nan'), 710.0, 1e154]
vals = [complex(a, b) for a in parts for b in parts]

def h(x):
    return x.hex() if x == x else 'nan'

for name in ['sqrt', 'exp', 'log', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan',
             'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh']:
    f = getattr(cmath, name)
    out = []
    for z in vals:
        try:
            r = f(z)
            out.append(h(r.real) + ',' + h(r.imag))
        except ValueError:
            out.append('V')
        except OverflowError:
            out.append('O')
    print(name, ' '.join(out))

out = []
for z in vals:
    for f in (cmath.phase, cmath.polar):
        try:
            out.append(repr(f(z)))
        except OverflowError:
            out.append('O')
    try:
        r = cmath.rect(z.real, z.imag)
        out.append(h(r.real) + ',' + h(r.imag))
    except ValueError:
        out.append('V')
print('phase/polar/rect', ' '.join(out))
