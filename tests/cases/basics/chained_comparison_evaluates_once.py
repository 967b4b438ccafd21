# Chained comparisons evaluate each middle operand once and short-circuit; mixing is/in/not in in chains.
calls = []
def v(x):
    calls.append(x)
    return x
print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(1) < v(0) < v(3), calls)
calls.clear()
print(v(5) > v(3) == v(3) >= v(1) != v(0), calls)
a = [1, 2]
b = a
print(1 in a is not None, b is a in [a], 3 not in a < [1, 3])
x = 5
print(0 <= x < 10, 0 < x < 3, x == 5 == 5.0, "a" < "b" < "c" > "a")
try:
    1 < "a" < 2
except TypeError as e:
    print("TypeError:", e)
calls.clear()
try:
    v(1) < v(None) < v(3)
except TypeError as e:
    print("TypeError:", e, calls)
print([i for i in range(10) if 2 < i <= 5], (1 < 2) < 3, 1 < (2 < 3))
