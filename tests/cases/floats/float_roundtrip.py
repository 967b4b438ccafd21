# float(repr(x)) == x for tricky values, and repr of parsed literals.
vals = [0.1, 0.2, 0.30000000000000004, 1 / 3, 2.0 ** -1074, 1e23, 123.456, 1e-310, 4.35, 2.675]
for v in vals:
    r = repr(v)
    print(r, float(r) == v)
print(4.35 * 100, 2.675 * 100)
print(0.1 + 0.7, 1.1 * 1.1)
