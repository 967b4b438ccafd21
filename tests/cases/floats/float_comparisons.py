# Float comparisons are exact: 0.1 + 0.2 != 0.3, and floats compare with ints by value.
print(0.1 + 0.2 == 0.3, 0.1 + 0.2 > 0.3, 0.5 + 0.5 == 1)
print(1.0 == 1, 1.5 > 1, -0.5 < 0, 2.0 >= 2)
print(1e16 + 1 == 1e16, 1e16 + 2 == 1e16)
print(min(1.5, 0.5, 2), max(-1.0, -2), max(3, 3.0), max(3.0, 3))
print(0.1 < 0.2 < 0.30000000000000004 <= 0.1 + 0.2)
