# memoryview over bytes and bytearray: reading.
b = b'hello world'
m = memoryview(b)
print(type(m).__name__, len(m), m[0], m[-1], m[4])
print(m.obj is b, m.readonly, m.format, m.itemsize, m.ndim, m.shape, m.strides)
print(m.nbytes, m.c_contiguous, m.f_contiguous, m.contiguous, m.suboffsets)
print(m.tobytes(), m.tolist()[:3], m.hex(), m.hex(':'), m.hex('-', 4))
print(bytes(m), bytearray(m), bytes(m) == b, m == b, b == m, m != b)
print(list(m[:3]), [x for x in m[-3:]])
print(repr(m).startswith('<memory at 0x'), str(m) == repr(m))

# slices share the buffer and are memoryviews themselves
s = m[2:7]
print(type(s).__name__, len(s), s.tobytes(), s.obj is b, s[0], s[-1])
r = m[::-1]
print(r.tobytes(), r.strides, r.c_contiguous, r.contiguous, r.nbytes)
e = m[::3]
print(e.tobytes(), e.tolist(), e.shape, e.strides, len(e))
print(m[5:2].tobytes(), len(m[100:]), m[-3:].tobytes(), m[1:9:2][1:3].tobytes())
print(m[::2][::-1].tobytes(), bytes(m[::-2]))

# indexing errors
for k in (11, -12, 2**70, 1.5, 'a', None, (0,), ...):
    try:
        print(m[k])
    except Exception as ex:
        print(type(ex).__name__, ex)

class I:
    def __index__(self):
        return 1
print(m[I()], m[True])

# construction
print(memoryview(m).tobytes() == b, memoryview(m).obj is b, memoryview(object=b'x').tobytes())
for bad in (1, 'text', [1, 2], None, 2.5):
    try:
        memoryview(bad)
    except TypeError as ex:
        print(type(ex).__name__, ex)
try:
    memoryview()
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    memoryview(b'a', b'b')
except TypeError as ex:
    print(type(ex).__name__, ex)

# empty views
z = memoryview(b'')
print(len(z), z.tobytes(), z.tolist(), z.hex(), bool(z), bool(m), z == b'', z.shape, z.strides)

# equality
print(m == memoryview(b'hello world'), m == bytearray(b'hello world'), m == b'hello', m == 'hello world')
print(m[:5] == b'hello', m[::-1] == b[::-1], m == m, m == [104])
print(memoryview(bytearray(b'ab')) == memoryview(b'ab'), bytearray(b'ab') == memoryview(b'ab'))
print(bytearray(b'ab') < memoryview(b'b'), bytearray(b'b') >= memoryview(b'ab'))
for op in ('<', '<=', '>', '>='):
    try:
        eval('m ' + op + ' m')
    except TypeError as ex:
        print(type(ex).__name__, ex)
try:
    b'a' < memoryview(b'b')
except TypeError as ex:
    print(type(ex).__name__, ex)

# iteration and membership
it = iter(memoryview(b'xyz'))
print(type(it).__name__, next(it), list(it))
print(104 in m, 0 in m, b'h' in m)

# hashing: read-only views hash like bytes
print(hash(m) == hash(b), hash(m[2:5]) == hash(b'llo'), hash(m[::2]) == hash(b[::2]))
d = {m[:5]: 1}
print(d[b'hello'], b'hello' in d)
try:
    hash(memoryview(bytearray(b'x')))
except ValueError as ex:
    print(type(ex).__name__, ex)
try:
    hash(memoryview(bytearray(b'x')).toreadonly())
except TypeError as ex:
    print(type(ex).__name__, ex)

# bytearray views
ba = bytearray(b'abc')
mb = memoryview(ba)
print(mb.readonly, mb.obj is ba, mb.tobytes(), mb.toreadonly().readonly, mb.toreadonly().tobytes())

import collections.abc
print(isinstance(m, collections.abc.Sequence), type(m) is memoryview)
for name in ('tobytes', 'tolist', 'hex', 'cast', 'release', 'toreadonly', '__enter__', '__exit__'):
    print(name, hasattr(memoryview, name))
