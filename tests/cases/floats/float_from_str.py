# float() parses decimal and exponent strings with whitespace; bad input raises ValueError.
print(float('3.14'), float(' 2.5 '), float('1e3'), float('-0'), float('.5'), float('5.'))
print(float('1_000.5'), float('+1.5E-3'), float('  -inf '), float('nan'))
print(float(7), float(-2 ** 70), float(True))
for s in ['abc', '', '1.2.3', '1e', 'infinity!']:
    try:
        float(s)
    except ValueError as e:
        print('ValueError:', e)
