# Mixed int/float arithmetic produces floats with Python's rounding and sign rules.
print(1 + 2.0, 3 * 0.5, 10 - 0.25, 2 ** 0.5, 2.0 ** 3, 4 ** -0.5)
print(7 // 2.0, -7 // 2.0, 7 % -3.0, -7 % 3.0, 7.5 // 2, 7.5 % 2)
print(5.5 % 2, -5.5 % 2, 5.5 // 2, -5.5 // 2)
print(2 ** 100 * 1.0, 2 ** 100 + 0.5)
print(1 + True * 0.5, 3 / 1.5, type(3 * 1.0))
print(0.1 * 3 == 0.3, 0.5 + 0.25 == 0.75)
x = 1
x += 0.5
print(x, type(x))
