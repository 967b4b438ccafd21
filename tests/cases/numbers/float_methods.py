# float methods: is_integer, as_integer_ratio, hex/fromhex, conjugate, real/imag, __trunc__/__floor__/__ceil__
for f in [0.0, -0.0, 1.0, 1.5, -2.75, 0.1, 1e300, 5e-324, 2.0**-1022, 123456789.0, float('inf'), float('-inf'), float('nan')]:
    print(f, f.is_integer(), f.hex(), f.real, f.imag, f.conjugate())
for f in [0.0, 1.5, -0.1, 0.1, 1e300, 5e-324, 3.0]:
    print(f.as_integer_ratio())
for s in ['0x1.8p+0', '0x1p-1074', '0x1p-1075', '0x1.0000000000001p+0', '0x.8', '1', '-0x10', ' 0XABCp-2 ', 'inf', '-Infinity', 'nan', '0x1.fffffffffffff8p+1023', '0x1.fffffffffffffp+1023', '0x3p-1076']:
    try:
        print(s.strip(), float.fromhex(s))
    except Exception as e:
        print(s, type(e).__name__, e)
for s in ['', '0x', 'x1', '0x1p', '0x1p+', '1e5', '0x1.8p+0junk', '0x1p99999']:
    try:
        print(float.fromhex(s))
    except Exception as e:
        print(repr(s), type(e).__name__, e)
for f in [float('inf'), float('nan')]:
    try:
        f.as_integer_ratio()
    except Exception as e:
        print(type(e).__name__, e)
print((2.5).__trunc__(), (-2.5).__floor__(), (-2.5).__ceil__(), (1e20).__int__(), (3.0).__float__())
for f in [float('inf'), float('nan')]:
    try:
        f.__trunc__()
    except Exception as e:
        print(type(e).__name__, e)
print(all(float.fromhex(x.hex()) == x for x in [0.1, 1/3, 1e-310, 2.5e300, -7.25]))
class F(float):
    pass
print(F.fromhex('0x2p0'), type(F.fromhex('0x2p0')).__name__, type(F(1.5).real).__name__)
