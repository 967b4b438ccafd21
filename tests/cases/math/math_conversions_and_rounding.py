# math: arguments through __float__/__index__, ceil/floor/trunc honour __ceil__/__floor__/__trunc__, constants
import math

class F:
    def __float__(self):
        return 2.25

class I:
    def __index__(self):
        return 10**400

class Small:
    def __index__(self):
        return 3

class Bad:
    def __float__(self):
        return 1

class Rounds:
    def __ceil__(self):
        return 'ceil'
    def __floor__(self):
        return 'floor'
    def __trunc__(self):
        return 'trunc'

class MyFloat(float):
    pass

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(type(math.pi).__name__, math.isnan(math.nan), math.tau == 2 * math.pi)
print(math.sqrt(F()), math.sqrt(Small()), math.sqrt(True), math.exp(False), math.sqrt(MyFloat(6.25)))
print(math.log(10**400), math.log10(10**400), math.log2(2**1024), math.log(2**1024 - 1, 2))
for f, args in [(math.sqrt, (I(),)), (math.log, (I(),)), (math.sqrt, (Bad(),)), (math.floor, (Bad(),)),
                (math.sqrt, ([],)), (math.trunc, (F(),)), (math.ceil, (None,))]:
    try:
        print(f(*args))
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
print(math.ceil(Rounds()), math.floor(Rounds()), math.trunc(Rounds()))
print(math.ceil(F()), math.floor(F()), math.ceil(Small()), math.floor(-2.5), math.ceil(-2.5))
print(math.trunc(-2.7), math.trunc(2.7), math.trunc(10**30), math.floor(1e300) == 10**300)
print(math.ceil(MyFloat(1.5)), math.floor(True), type(math.floor(True)).__name__)
print(math.ceil(-0.5), math.floor(0.0), math.trunc(-0.0))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(1.0, 1.1, rel_tol=0.1))
print(math.isclose(0.0, 1e-10), math.isclose(0.0, 1e-10, abs_tol=1e-9), math.isclose(math.inf, math.inf))
print(math.isclose(math.inf, -math.inf), math.isclose(math.nan, math.nan), math.isclose(a=1, b=1.0))
print(math.frexp(0.0), math.frexp(-0.0), math.frexp(5e-324), math.frexp(-3.0), math.frexp(math.inf))
print(math.modf(-3.0), math.modf(2.5), math.modf(-math.inf), math.modf(math.nan))
print(math.ulp(0.0), math.ulp(1.0), math.ulp(-1e300), math.ulp(1.7976931348623157e308), math.ulp(math.nan))
print(math.nextafter(1.0, 2.0), math.nextafter(0.0, -1.0), math.nextafter(1.0, 1.0), math.nextafter(math.inf, 0))
print(math.copysign(3, -0.0), math.copysign(-3, math.nan), math.fabs(-0.0), math.sqrt(-0.0))
print(math.factorial(20), math.gamma(21), math.lgamma(0.5), math.gamma(-0.5), math.gamma(1e-30))
