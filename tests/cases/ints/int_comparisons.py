# Integer comparisons, including big ints and exact comparison with floats.
print(1 < 2, 2 <= 2, 3 > 4, 5 >= 5, 1 == 1, 1 != 1)
print(2 ** 100 > 2 ** 99, -(2 ** 100) < -(2 ** 99), 2 ** 64 == 18446744073709551616)
print(1 == 1.0, 1 < 1.5, 2 ** 53 == 2.0 ** 53)
print(2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 + 1 > float(2 ** 53 + 1))
print(10 ** 400 > 1e308, -(10 ** 400) < -1e308)
print(10 ** 400 < float('inf'), 0 == -0, 0 == -0.0)
print(min(2 ** 70, 2 ** 69, -3), max(-(2 ** 70), 0))
print(1 < 2 < 2 ** 100 < 2 ** 101)
