# str.strip (with and without chars) and str.split (whitespace, separator, maxsplit).
s = '  padded text \t\n'
print(repr(s.strip()))
print(repr('xxhixx'.strip('x')), repr('abcba'.strip('ab')), repr('   '.strip()))
print('a b  c\td\ne'.split())
print('  leading and trailing  '.split())
print('a,b,,c'.split(','))
print('a::b::c'.split('::'))
print(''.split(), ''.split(','))
print('1,2,3,4'.split(',', 2))
print('no-separator'.split(','))
try:
    'abc'.split('')
except ValueError as e:
    print('ValueError:', e)
