# bytearray: item and slice assignment, deletion, append/extend/insert/pop/remove/reverse/clear/copy, += and *=
ba = bytearray(b'hello')
ba[0] = 72
ba[-1] = ord('O')
print(ba, ba[0], ba[1:3], type(ba[1:3]).__name__)
ba[1:3] = b'EE'
print(ba)
ba[1:3] = b''
print(ba)
ba[1:1] = [120, 121, 122]
print(ba)
ba[::2] = b'abc'
print(ba)
del ba[0]
print(ba)
del ba[::2]
print(ba)
ba.append(33); ba.extend(b'!?'); ba.extend([65, 66]); ba.extend(x for x in (67,))
print(ba)
ba.insert(0, 48); ba.insert(-1, 49); ba.insert(100, 50)
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(ord('!'))
ba.reverse()
print(ba)
c = ba.copy()
ba.clear()
print(ba, c, len(ba), c is ba)
x = bytearray(b'ab')
y = x
x += b'cd'
x *= 2
print(x, y is x, x.upper(), type(x.upper()).__name__, x + b'!', type(x + b'!').__name__, b'!' + x)
print(x == b'abcdabcd', b'abcdabcd' == x, x.find(b'cd'), x.split(b'c'), bytearray(b'a,b').split(b','))
for call in [lambda: x.__setitem__(0, 256), lambda: x.__setitem__(0, -1), lambda: x.__setitem__(0, 'a'), lambda: bytearray().pop(),
             lambda: x.pop(100), lambda: x.remove(0), lambda: x.__setitem__(slice(None, None, 2), b'a'), lambda: x.append('a'),
             lambda: x.extend('abc'), lambda: x.extend(5), lambda: hash(x), lambda: x[100], lambda: x.__setitem__(slice(0, 1), 5)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
