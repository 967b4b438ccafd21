# cmath: constants, argument conversion, log with a base, isclose, predicates, CPython's errors
import cmath

print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.nan, cmath.infj, cmath.nanj)
print(cmath.sqrt(-1), cmath.sqrt(4), cmath.sqrt(-0.0), cmath.exp(1j * cmath.pi), cmath.log(-1))
print(cmath.log(8, 2), cmath.log(100, 10), cmath.log(1j, 1j), cmath.log(0, 2), cmath.log10(1000))
print(cmath.polar(1 + 1j), cmath.polar(-1), cmath.rect(2, cmath.pi / 2), cmath.rect(1, 0), cmath.rect(-0.0, 0.0))
print(cmath.phase(-1), cmath.phase(complex(-1.0, -0.0)), cmath.phase(1e-310j), cmath.phase(True))

class Cx:
    def __complex__(self):
        return 3 + 4j
class Fl:
    def __float__(self):
        return 0.25
class Ix:
    def __index__(self):
        return 9
print(cmath.sqrt(Cx()), cmath.sqrt(Fl()), cmath.sqrt(Ix()), cmath.exp(10**10 // 10**10))
for a, b in [(1, 1 + 1e-10), (1, 1.1), (1j, 1j), (cmath.inf, cmath.inf), (cmath.inf, -cmath.inf),
             (cmath.nan, cmath.nan), (0, 1e-12), (1 + 1j, 1 + 1.0000000001j)]:
    print(cmath.isclose(a, b), end=' ')
print(cmath.isclose(0, 1e-12, abs_tol=1e-9), cmath.isclose(1, 1.01, rel_tol=0.1))
print(cmath.isfinite(1 + 1j), cmath.isfinite(complex(1, cmath.inf)), cmath.isinf(cmath.infj),
      cmath.isnan(cmath.nanj), cmath.isnan(1), cmath.isinf(2.0))

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

t(cmath.log, 0)
t(cmath.log, 1, 1)
t(cmath.log, 2, 0)
t(cmath.log, 0, 0)
t(cmath.atanh, 1)
t(cmath.atanh, -1)
t(cmath.exp, 1000)
t(cmath.exp, complex(1, cmath.inf))
t(cmath.cosh, 800 + 1j)
t(cmath.sinh, complex(5, cmath.inf))
t(cmath.tan, complex(cmath.inf, 1))
t(cmath.rect, 1, cmath.inf)
t(cmath.rect, cmath.inf, 1)
t(cmath.polar, complex(1e308, 1e308))
t(cmath.phase, complex(1e308, 1e-310))
t(cmath.sqrt, 'x')
t(cmath.sqrt, None)
t(cmath.sqrt, 10**400)
t(cmath.isclose, 1, 2, rel_tol=-1)
t(cmath.isclose, 1, 2, abs_tol=-1)
