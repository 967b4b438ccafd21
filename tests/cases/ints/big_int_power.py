# ** with big results, negative bases and the 64-bit boundaries.
print(2 ** 63, 2 ** 64, 2 ** 63 - 1)
print(-2 ** 63, (-2) ** 63, (-2) ** 64)
print(2 ** 200)
print(3 ** 100)
print(10 ** 40 + 1)
print(7 ** 0, 0 ** 0, 1 ** 1000, (-1) ** 1001)
print(2 ** -1, 2 ** -2, type(2 ** -1))
print((2 ** 100) ** 2 == 2 ** 200)
