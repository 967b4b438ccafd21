# Writing through a memoryview into a bytearray.
ba = bytearray(b'abcdefgh')
m = memoryview(ba)
m[0] = ord('A')
m[-1] = 72
print(ba, m[0], m.tobytes())
m[1:3] = b'BC'
print(ba)
m[3:5] = bytearray(b'DE')
print(ba)
m[5:7] = memoryview(b'FG')
print(ba)
m[::2] = b'wxyz'
print(ba)
m[::-1] = b'12345678'
print(ba)
m[2:2] = b''
print(ba)
s = m[2:6]
s[0] = 0
s[1:3] = b'\xff\xfe'
print(ba, s.tolist())
ba[3] = 0x41
print(s[1], m[3])

# errors
for key, value in ((0, 256), (0, -1), (0, 'a'), (0, 1.0), (0, b'a'), (0, None), (8, 1), (-9, 1),
                   (slice(0, 2), b'abc'), (slice(0, 2), b'a'), (slice(0, 2), [1, 2]),
                   (slice(0, 2), 5), (slice(None, None, 2), b'ab'), ('x', 1), ((0,), 1)):
    try:
        m[key] = value
        print('ok', key, ba)
    except Exception as ex:
        print(type(ex).__name__, ex)
try:
    del m[0]
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    del m[0:1]
except TypeError as ex:
    print(type(ex).__name__, ex)

# read-only memory
r = memoryview(b'abc')
for key, value in ((0, 1), (slice(0, 1), b'x')):
    try:
        r[key] = value
    except TypeError as ex:
        print(type(ex).__name__, ex)
try:
    del r[0]
except TypeError as ex:
    print(type(ex).__name__, ex)
ro = m.toreadonly()
try:
    ro[0] = 1
except TypeError as ex:
    print(type(ex).__name__, ex)

# assignment from a view of a different format
c = memoryview(bytearray(4)).cast('c')
c[0] = b'z'
print(c.tobytes(), c[0], c.tolist())
try:
    c[1] = b'zz'
except ValueError as ex:
    print(type(ex).__name__, ex)
try:
    c[1] = 1
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    c[0:2] = b'ab'
except ValueError as ex:
    print(type(ex).__name__, ex)
c[0:2] = memoryview(b'ab').cast('c')
print(c.tobytes())
sb = memoryview(bytearray(3)).cast('b')
sb[0] = -1
sb[1] = 127
try:
    sb[2] = 128
except ValueError as ex:
    print(type(ex).__name__, ex)
print(sb.tolist(), sb.obj)

# the bytearray sees writes, and the view sees the bytearray's
x = bytearray(b'....')
v = memoryview(x)
v[1:3] = b'ok'
x[0] = ord('<')
print(x, v.tobytes(), bytes(v[::3]))
