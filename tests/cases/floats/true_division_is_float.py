# / always returns a float even when the result is whole.
for a, b in [(4, 2), (9, 3), (-8, 4), (0, 7), (1, 8), (2 ** 64, 2 ** 32)]:
    q = a / b
    print(q, type(q) is float)
print(10 / 4, 10 // 4, 10.0 // 4, 11 / 11)
