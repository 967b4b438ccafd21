# release(), the context manager, and the export lock on bytearray.
import gc
import sys

m = memoryview(b'abc')
m.release()
m.release()
print(repr(m).startswith('<released memory at 0x'))
for f in (lambda: len(m), lambda: m[0], lambda: m[0:1], lambda: m.obj, lambda: m.nbytes,
          lambda: m.format, lambda: m.itemsize, lambda: m.ndim, lambda: m.shape,
          lambda: m.strides, lambda: m.readonly, lambda: m.c_contiguous, lambda: m.tobytes(),
          lambda: m.tolist(), lambda: m.hex(), lambda: m.cast('b'), lambda: m.toreadonly(),
          lambda: bytes(m), lambda: bytearray(m), lambda: hash(m), lambda: memoryview(m),
          lambda: bool(m), lambda: m.__enter__()):
    try:
        print(f())
    except ValueError as ex:
        print(type(ex).__name__, ex)
print(m == m, m == b'abc', m != memoryview(b'abc'))
for f in (lambda: b''.join([m]), lambda: b'a' + m, lambda: str(m, 'ascii')):
    try:
        print(f())
    except TypeError as ex:
        print(type(ex).__name__, ex)

# a hash computed before the release is kept
h = memoryview(b'xyz')
k = hash(h)
h.release()
print(hash(h) == k)

with memoryview(b'ctx') as c:
    print(c.tobytes(), c[0])
print(repr(c).startswith('<released'))
try:
    with memoryview(bytearray(b'q')) as c2:
        raise KeyError('inside')
except KeyError as ex:
    print('propagated', ex, repr(c2).startswith('<released'))

# a bytearray cannot be resized while a view of it lives
ba = bytearray(b'abcdef')
v = memoryview(ba)
attempts = {
    'append': lambda: ba.append(1), 'extend': lambda: ba.extend(b'x'), 'extend0': lambda: ba.extend(b''),
    'insert': lambda: ba.insert(0, 1), 'pop': lambda: ba.pop(), 'remove': lambda: ba.remove(97),
    'clear': lambda: ba.clear(), 'iadd': lambda: ba.__iadd__(b'x'), 'iadd0': lambda: ba.__iadd__(b''),
    'imul': lambda: ba.__imul__(2), 'imul1': lambda: ba.__imul__(1), 'delitem': lambda: ba.__delitem__(0),
    'delslice0': lambda: ba.__delitem__(slice(0, 0)), 'setslice': lambda: ba.__setitem__(slice(0, 1), b'xy'),
    'setslice_same': lambda: ba.__setitem__(slice(0, 1), b'z'), 'setitem': lambda: ba.__setitem__(0, 65),
    'reverse': lambda: ba.reverse(), 'init': lambda: ba.__init__(b'q'),
}
for name, f in attempts.items():
    try:
        f()
        print(name, 'ok', bytes(ba))
    except BufferError as ex:
        print(name, type(ex).__name__, ex)
try:
    ba += b'zz'
except BufferError as ex:
    print('+=', type(ex).__name__, ex)
print(ba)

# every view, slice and cast keeps the lock until released or freed
v2 = v[::2]
v3 = memoryview(v)
v4 = v.cast('c')
v.release()
for view in (v2, v3, v4):
    try:
        ba.append(0)
    except BufferError as ex:
        print(type(ex).__name__, ex)
    view.release()
ba.append(0)
print(ba)
with memoryview(ba) as w:
    try:
        ba.pop()
    except BufferError as ex:
        print(type(ex).__name__, ex)
ba.pop()
def peek():
    t = memoryview(ba)
    return t[1]
print(peek())
ba.pop()
t = memoryview(ba)[1:]
del t
ba.pop()
print(ba)
e = bytearray()
ev = memoryview(e)
e.clear()
e *= 3
print('empty ok', e)
ev.release()

# references: a view holds its exporter
b = bytearray(b'refs')
print(sys.getrefcount(b))
mv = memoryview(b)
print(sys.getrefcount(b))
sl = mv[1:]
mv2 = memoryview(mv)
print(sys.getrefcount(b), sys.getrefcount(mv))
mv.release()
print(sys.getrefcount(b))
sl.release()
mv2.release()
print(sys.getrefcount(b))
del mv, sl, mv2
print(sys.getrefcount(b))
print(gc.is_tracked(memoryview(b'')))

# a view in a cycle through its exporter is collected
class Buf(bytearray):
    pass
cyc = Buf(b'cycle')
cyc.view = memoryview(cyc)
del cyc
print(gc.collect() > 0)
