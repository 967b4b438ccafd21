# Tuple + and * build new tuples.
a = (1, 2)
b = (3,)
print(a + b, a * 2, 3 * b, () + (), a * 0)
c = a
a += b
print(a, c)
try:
    a + [4]
except TypeError as e:
    print('TypeError:', e)
