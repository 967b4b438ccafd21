# memoryview.cast and non-byte formats.
import struct

raw = struct.pack('=4h', 1, -2, 300, -32768)
m = memoryview(raw)
h = m.cast('h')
print(h.format, h.itemsize, len(h), h.nbytes, h.shape, h.strides, h.tolist(), h[2], h[-1])
print(h.obj is raw, h.readonly, h.tobytes() == raw, h == m, h.cast('B') == m)
print(h[1:3].tolist(), h[::-1].tolist(), h[::2].strides, h[::2].tobytes())
print(m.cast('@H').format, m.cast('@H').tolist(), m.cast('c')[:2].tolist())
print(m.cast('b').tolist(), m.cast('i').tolist(), m.cast('I').tolist(), m.cast('q').tolist())
print(m.cast('Q').tolist(), m.cast('l').tolist(), m.cast('L').itemsize, m.cast('n').tolist(), m.cast('N').format)
print(m.cast('?').tolist(), m.cast('f').tolist())
d = memoryview(struct.pack('=2d', 1.5, -0.25)).cast('d')
print(d.tolist(), d[0], d.format, d.itemsize)
print(memoryview(struct.pack('=3f', 0.5, 2.0, float('inf'))).cast('f').tolist())

# writes in other formats
buf = bytearray(8)
w = memoryview(buf).cast('h')
w[0] = -1
w[1] = 0x1234
w[3] = 7
print(buf, w.tolist())
for v in (32768, -32769, 1.5, 'x', 2**70):
    try:
        w[2] = v
    except (ValueError, TypeError) as ex:
        print(type(ex).__name__, ex)
f = memoryview(bytearray(8)).cast('d')
f[0] = 2.5
f[0] = 3
print(f.tolist())
try:
    f[0] = 'x'
except TypeError as ex:
    print(type(ex).__name__, ex)
q = memoryview(bytearray(2)).cast('?')
q[0] = 5
q[1] = []
print(q.tolist(), q.obj)
try:
    memoryview(bytearray(2)).cast('e')
except ValueError as ex:
    print(type(ex).__name__, ex)
w[0:2] = memoryview(struct.pack('=2h', 5, 6)).cast('h')
print(w.tolist())
try:
    w[0:2] = struct.pack('=2h', 5, 6)
except ValueError as ex:
    print(type(ex).__name__, ex)

# shapes
g = memoryview(bytes(range(12))).cast('B', shape=[3, 4])
print(g.ndim, g.shape, g.strides, g.nbytes, len(g), g.tolist(), g.c_contiguous, g.f_contiguous)
print(g[1, 2], g[-1, -1], g.tobytes() == bytes(range(12)), g.tobytes('F'), g.tobytes('A') == g.tobytes())
try:
    g[0]
except NotImplementedError as ex:
    print(type(ex).__name__, ex)
print(g[::2].shape, g[::2].tolist(), g[::2].c_contiguous, g[::2].tobytes())
print(g.cast('B').tolist() == list(range(12)), g == memoryview(bytes(range(12))).cast('B', [3, 4]))
z = memoryview(b'\x07').cast('B', shape=[])
print(z.ndim, z.shape, z.strides, len(z), z.tolist(), z[()], z.tobytes())
try:
    z[0]
except TypeError as ex:
    print(type(ex).__name__, ex)
g3 = memoryview(bytes(range(24))).cast('B', (2, 3, 4))
print(g3.shape, g3.strides, g3.tolist()[1][2], g3[1, 2, 3])
print(memoryview(bytes(8)).cast('h', (2, 2)).tolist())

# errors
for args in ((), ('x',), ('bb',), ('<h',), ('h', 'x'), ('B', [5]), ('B', [0, 12]), ('B', [2, -6]),
             ('B', [12, 1.0])):
    try:
        memoryview(bytes(12)).cast(*args)
        print('ok', args)
    except Exception as ex:
        print(type(ex).__name__, ex)
try:
    memoryview(bytes(5)).cast('i')
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    memoryview(bytes(8)).cast('h').cast('i')
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    memoryview(bytes(8))[::2].cast('B')
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    g.cast('B', [12])
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    memoryview(b'ab').tobytes('X')
except ValueError as ex:
    print(type(ex).__name__, ex)

# hashing needs a byte format
print(hash(m.cast('c')) == hash(raw), hash(m.cast('b')) == hash(raw))
try:
    hash(h)
except ValueError as ex:
    print(type(ex).__name__, ex)
