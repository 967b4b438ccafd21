# bytes methods: search, split/join, strip, case, padding, predicates, replace, partition, hex/fromhex, translate
b = b'Hello, World'
print(b.find(b'o'), b.rfind(b'o'), b.find(b'o', 5), b.find(b'zz'), b.find(111), b.index(b'W'), b.rindex(b'l'))
print(b.count(b'l'), b.count(b'l', 4), b.count(b''), b.startswith(b'He'), b.endswith((b'x', b'ld')), b.startswith(b'W', 7))
print(b.upper(), b.lower(), b.swapcase(), b'hello world'.title(), b'hELLO'.capitalize())
print(b'a,b,,c'.split(b','), b'a,b,,c'.split(b',', 1), b'a,b,,c'.rsplit(b',', 1), b'  a  b \n'.split(), b' a b c '.rsplit(None, 1))
print(b'-'.join([b'x', b'y', bytearray(b'z')]), b''.join([]), b', '.join((b'1', b'2')))
print(b'  pad  '.strip(), b'  pad  '.lstrip(), b'  pad  '.rstrip(), b'xxpadxx'.strip(b'x'), b'abcba'.strip(b'ab'))
print(b'ab'.center(7), b'ab'.center(6, b'*'), b'ab'.ljust(5, b'.'), b'ab'.rjust(5), b'42'.zfill(5), b'-42'.zfill(5), b'abc'.center(2))
print(b'123'.isdigit(), b''.isdigit(), b'abc'.isalpha(), b'ab1'.isalnum(), b' \t\n'.isspace(), b'abc'.islower(), b'ABC'.isupper(), b'Ab Cd'.istitle(), b'\x80'.isascii())
print(b'aaa'.replace(b'a', b'b'), b'aaa'.replace(b'a', b'b', 2), b'abc'.replace(b'', b'-'), b'abc'.replace(b'', b'-', 2))
print(b'a=b=c'.partition(b'='), b'a=b=c'.rpartition(b'='), b'abc'.partition(b'x'), b'abc'.rpartition(b'x'))
print(b'prefix_body'.removeprefix(b'prefix_'), b'body.txt'.removesuffix(b'.txt'), b'x'.removeprefix(b'y'))
print(b'line1\nline2\r\nline3\r'.splitlines(), b'a\nb\n'.splitlines(True), b'a\tb\tc'.expandtabs(4))
print(b'\xde\xad\xbe\xef'.hex(), b'\x01\x02\x03\x04\x05'.hex('-', 2), b'\x01\x02\x03'.hex(':', -2), bytes.fromhex('00 ff 10'), bytearray.fromhex('abcd'))
t = bytes.maketrans(b'abc', b'xyz')
print(len(t), b'aabbcc'.translate(t), b'hello'.translate(None, b'l'), b'abc'.translate(t, b'c'))
print(b'caf\xc3\xa9'.decode(), b'caf\xc3\xa9'.decode('utf-8'), b'abc'.decode('ascii'), b'\xe9'.decode('latin-1'))
print(b'a\xffb'.decode('utf-8', 'replace'), b'a\xffb'.decode('utf-8', 'ignore'), b'a\xffb'.decode(errors='backslashreplace'))
for bad in [b'\xff', b'\xc3', b'a\xe4\xb8', b'\xe4\x41', b'\xf0\x9f\x98']:
    try:
        bad.decode()
    except UnicodeDecodeError as e:
        print('UnicodeDecodeError', e)
try:
    b'\x80'.decode('ascii')
except UnicodeDecodeError as e:
    print('UnicodeDecodeError', e)
for call in [lambda: b'abc'.index(b'z'), lambda: b'a'.split(b''), lambda: b'a'.find('a'), lambda: b'a'.join(['x']),
             lambda: bytes.fromhex('zz'), lambda: bytes.fromhex('abc'), lambda: b'a'.decode('bogus'), lambda: b'x'.center(5, b'ab'),
             lambda: b'a'.startswith('a'), lambda: b'x'.translate(b'short'), lambda: bytes.maketrans(b'a', b'bc')]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
