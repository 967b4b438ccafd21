# int() parses decimal strings with signs, surrounding whitespace and underscores.
print(int('42'), int('-7'), int('+3'), int('0'), int('000123'))
print(int('  42 '), int('\t-5\n'))
print(int('1_000_000'))
print(int('123456789012345678901234567890'))
print(int('-0'))
for s in ['abc', '', '4.5', '1 2', '_1', '1__0']:
    try:
        int(s)
        print('parsed', s)
    except ValueError as e:
        print('ValueError:', e)
