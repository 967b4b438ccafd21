# bytes literals, reprs, indexing, slicing, iteration, comparison, hashing and concatenation
b = b'hello'
print(b, len(b), b[0], b[-1], b[1:3], b[::-1], b[::2], list(b))
print(repr(b"it's"), repr(b'say "hi"'), repr(b'both \' and "'), repr(b'\x00\x7f\x80\xff\n\t\r\\'))
print(b'' == b'', b'abc' == b'abc', b'abc' != b'abd', b'abc' < b'abd', b'ab' < b'abc', b'b' > b'abc')
print(b'abc' == 'abc', b'a' == 97)
print(hash(b'abc') == hash('abc'), hash(b'') == 0, hash(b'\xff\x00'))
print(b'ab' + b'cd', b'ab' * 3, 3 * b'x', b'ab' * 0, b'ab' * -1)
print(b'a' in b'abc', b'bc' in b'abc', b'' in b'abc', 98 in b'abc', 120 in b'abc')
print(bool(b''), bool(b'\x00'))
for x in b'\x01\x02':
    print(x, end=' ')
print()
it = iter(b'xy')
print(type(it).__name__, next(it), next(it), next(it, 'done'))
d = {b'k': 1, b'k2': 2}
print(d[b'k'], b'k2' in d, b'zz' in d, sorted([b'b', b'a', b'ab']))
print(isinstance(b'', bytes), type(b'x').__name__, bytes.__name__)
print(b'abc'[5:], b'abc'[-10:2], max(b'azb'), sum(b'\x01\x02'))
print(f"{b'x'}", str(b'ab'), format(b'q'))
s = b'a' b'b' b"c"
print(s)
try:
    b'abc'[3]
except IndexError as e:
    print('IndexError', e)
try:
    k = 'x'; b'abc'[k]
except TypeError as e:
    print('TypeError', e)
try:
    b'a' + 'b'
except TypeError as e:
    print('TypeError', e)
try:
    'a' + b'b'
except TypeError as e:
    print('TypeError', e)
try:
    b'a' * 1.5
except TypeError as e:
    print('TypeError', e)
try:
    'a' in b'abc'
except TypeError as e:
    print('TypeError', e)
try:
    300 in b'abc'
except ValueError as e:
    print('ValueError', e)
try:
    b'ab' < 'ab'
except TypeError as e:
    print('TypeError', e)
