# str(), int() and float() conversions between floats, ints and strings.
print(str(1.0), str(1.5), str(-2.25), str(1e20), str(1e-20))
print(int(2.999), int(-2.999), int(1e16), float(3), float('12'))
print(float(str(0.1)) == 0.1, str(0.1 + 0.2))
print(1e16 == 10 ** 16, int(1.5e16))
print(float(2 ** 1023) * 2)
