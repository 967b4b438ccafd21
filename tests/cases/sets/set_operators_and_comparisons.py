# Set operators | & - ^, their in-place forms (identity kept), mixed set/frozenset result types, and subset comparisons.
a = {1, 2, 3}
b = {2, 3, 4}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a | a, a & a, a - a, a ^ a)
fa = frozenset(a)
print(fa | b, b | fa, fa & b, b - fa, fa ^ b)
print(type(fa | b).__name__, type(b | fa).__name__, type(fa & b).__name__)

x = {1, 2}
y = x
x |= {3}
print(x, y is x)
x &= {2, 3, 5}
print(x, y is x)
x -= {2}
print(x, y is x)
x ^= {3, 9}
print(x, y is x)
x |= x
print(x, y is x)
x -= x
print(x, y is x)

f = frozenset([1])
g = f
f |= {2}
print(f, g, f is g, type(f).__name__)
f &= {2}
print(f, g)

print(a == b, a == {3, 2, 1}, a != b, a == frozenset([1, 2, 3]), frozenset([1]) == {1})
print({1} < {1, 2}, {1, 2} < {1, 2}, {1, 2} <= {1, 2}, {1, 2} > {1}, {1, 2} >= {2}, {1} > {2})
print({1} <= {2}, {2} >= {1, 2}, set() < {0}, set() <= set())
print(a == [1, 2, 3], a != (1, 2, 3), {1} == {1: 2}.keys() if False else None)
print(sorted([{1, 2}, {1}, {1, 2, 3}], key=len))

s = set()
for i in range(10):
    s |= {i * i % 7}
print(s, len(s))
print(set([1, 2]) | set() | {5}, ({1} | {2}) & {2}, {1, 2, 3} - {2} - {3})
