# bytes() and bytearray() constructors: ints, iterables, str with encodings, buffers, __bytes__, and their errors
print(bytes(), bytes(0), bytes(3), bytes([65, 66, 67]), bytes((1, 2)), bytes(range(3)))
print(bytes(b'abc'), bytes(bytearray(b'xy')), bytes('é', 'utf-8'), bytes('abc', encoding='ascii'))
print(bytes(x for x in [104, 105]), bytes('ab', 'latin-1'), bytes('é', 'latin1'))
print(bytearray(), bytearray(2), bytearray(b'ab'), bytearray('hé', 'utf-8'), bytearray([1, 255]))
b = b'same'
print(bytes(b) is b)
class HasBytes:
    def __bytes__(self):
        return b'from __bytes__'
print(bytes(HasBytes()))
class Sub(bytes):
    def shout(self):
        return self.upper()
s = Sub(b'sub')
print(s, type(s).__name__, s.shout(), type(s.shout()).__name__, s == b'sub', len(s), s + b'!')
class BA(bytearray):
    pass
ba = BA(b'xyz')
ba.append(33)
print(ba, type(ba).__name__, len(ba))
for args in [('abc',), (1.5,), (None,), ([256],), ([-1],), (['a'],), (-1,), (b'x', 'utf-8'), ('x', 'nope'), ('x', 'utf-8', 'bogus'), (object(),)]:
    try:
        print(bytes(*args))
    except Exception as e:
        print(type(e).__name__, e)
try:
    bytes(encoding='utf-8')
except TypeError as e:
    print('TypeError', e)
try:
    bytearray('abc')
except TypeError as e:
    print('TypeError', e)
class Bad:
    def __bytes__(self):
        return 'not bytes'
try:
    bytes(Bad())
except TypeError as e:
    print('TypeError', e)
