# A float operation whose operand is a temporary (held only by the value
# stack) may reuse that operand's block for its result. Named values,
# container items, constants and arguments must never change, whichever
# side the temporary is on, and counts must stay exact.
import sys

x = 1.5
y = 2.25
r = x * 2.0 + y          # (x * 2.0) is a temporary; x and y are not
print(x, y, r)
r = y + x * 2.0          # the temporary on the right
print(x, y, r)
r = (x + y) * (x - y)    # both temporaries
print(x, y, r)

items = [0.5, 1.25, 3.0]
total = 0.0
for v in items:
    total = total + v * v  # total is named: the old total stays intact
print(items, total)

c = 10.0
def f(a, b):
    return a * b + a / b - (a - b) ** 2.0
print(f(c, 4.0), c)

# The same constant object is not modified through a temporary.
def g():
    return 0.1 + 0.2 + 0.3
print(g(), g())

# Reference counts of named floats are unchanged by the reuse.
p = float("7.5")
q = float("0.5")
s = (p + q) * q
print(sys.getrefcount(p), sys.getrefcount(q), s)

# Identity: a result is never one of the named operands.
a = 3.0
b = a * 1.0 + 0.0
print(b is a, a, b)

# Many chained temporaries.
z = 1.0
for i in range(1000):
    z = (z * 1.0001 + 0.5) / 1.0001 - 0.25
print(round(z, 6))
