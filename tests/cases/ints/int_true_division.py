# / on ints always returns a float, correctly rounded even for big operands.
print(7 / 2, 6 / 3, -7 / 2, 1 / 3, 2 / 3)
print(type(6 / 3))
print(2 ** 100 / 2 ** 99, 10 ** 30 / 3)
print(1 / 2 ** 60)
print(10 ** 20 / 10 ** 10, (10 ** 20 + 1) / 10)
print(-1 / 3, 0 / 5, 0 / -5)
