# UNARY_NEGATIVE negates an exact int in a machine word directly; every
# other operand (the word's minimum, big ints, bools, int subclasses with
# and without __neg__, floats, objects without it) takes the general path.
import sys

lo = -2**63
print(-lo, type(-lo).__name__)
print(-(lo + 1), -(2**63 - 1))
print(-(2**64), -(-(2**100)))
print(-True, -False, type(-True).__name__)
x = 5
m5 = int('-5')
print(-x is m5, -(-x) is x, -0, -(-0))
big = 1000
print(-big, -(-big))


class MyInt(int):
    pass


class Loud(int):
    def __neg__(self):
        return 'neg of ' + str(int(self))


print(-MyInt(7), type(-MyInt(7)).__name__)
print(-Loud(3))
print(-2.5, -(-0.0))
try:
    -'s'
except TypeError as e:
    print('TypeError:', e)
try:
    -[1]
except TypeError as e:
    print('TypeError:', e)

# The operand is released after the result exists, as in CPython.
v = 10**6
before = sys.getrefcount(v)
for _ in range(3):
    w = -v
print(sys.getrefcount(v) == before, w)
