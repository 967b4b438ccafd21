# repr of floats is the shortest string that round-trips, switching to exponent form at 1e16 and 1e-5.
print(0.1 + 0.2, 0.1, 0.5, 1.0, 100.0, 1 / 3, 2 / 3)
print(1e15, 1e16, 1e17, 123456789012345678.0)
print(1e-4, 1e-5, 0.00012345, 0.000012345)
print(1e22, 1e100, 1.5e300, 5e-324, 1.7976931348623157e308)
print(3.0 * 1.1, 1.1 + 2.2, 0.3 - 0.1)
print(2.5e-3, -1e-7, 12345.678, 9007199254740993.0)
print(float(10 ** 16), float(2 ** 60), 0.1 * 3)
