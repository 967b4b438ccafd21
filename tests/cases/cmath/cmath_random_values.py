# cmath: every function on pseudo-random arguments of all magnitudes, results bit for bit (hex) as python3 on glibc
import cmath

state = 12345
def rnd():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return (state >> 11) / 2**53

vals = []
for i in range(120):
    e1, e2 = rnd() * 60 - 30, rnd() * 60 - 30
    s1, s2 = (1 if rnd() < 0.5 else -1), (1 if rnd() < 0.5 else -1)
    vals.append(complex(s1 * rnd() * 10 ** (e1 / 10), s2 * rnd() * 10 ** (e2 / 10)))
vals += [complex(0.9, 0.3), complex(1.0, 1e-200), complex(-1.0, 1e-200), complex(1e-300, 1e-300), 1j, -1j, 2, -2]

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
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__[0])
    print(name, ' '.join(out))
print(' '.join(h(cmath.phase(z)) + ',' + h(cmath.polar(z)[0]) for z in vals))
print(' '.join(h(cmath.log(z, 3 + z.imag).real) for z in vals[:40]))
