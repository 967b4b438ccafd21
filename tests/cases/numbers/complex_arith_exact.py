# complex arithmetic bit for bit: division scaling, powers by repeated squaring and by polar form, mixed operands
vals = [1+2j, -3.5+0.25j, 1e300+1e300j, 1e-300-2e-300j, 0.1+0.2j, -0.0+1j, 2, 0.5, -7]
for a in vals:
    for b in vals:
        try:
            q = a / b
        except ZeroDivisionError as e:
            q = str(e)
        print(a, b, a + b, a - b, a * b, q)
for base in [1+1j, -2+0.5j, 0.5j, 3]:
    for e in [2, 3, -2, 0.5, 1j, 1+1j, 101, 100]:
        try:
            print(base, e, base ** e)
        except (ZeroDivisionError, OverflowError) as err:
            print(base, e, type(err).__name__, err)
print((1e200+1e200j) ** 2 if False else 'skip', abs(1e308+1e308j) if False else 'skip')
try:
    (1e200+1e200j) ** 3
except OverflowError as e:
    print('OverflowError', e)
try:
    abs(complex(1e308, 1e308))
except OverflowError as e:
    print('OverflowError', e)
print(hash(1+1j), hash(-1j), hash(complex(0.5, 0)) == hash(0.5), {1j: 'a', 1: 'b', 1+0j: 'c'})
