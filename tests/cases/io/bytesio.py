# io.BytesIO: getvalue, read/write/seek/tell/truncate, readline(s), iteration, readinto, closed errors
import io
b = io.BytesIO(b'ab\ncd\nef')
print(b.read(1), b.readline(), b.tell(), b.readlines(), b.read())
b.seek(0)
print(list(b))
print(b.seek(-2, 2), b.read(), b.seek(-100, 1), b.tell())
b = io.BytesIO()
print(b.write(b'hello'), b.write(bytearray(b' world')), b.getvalue())
b.seek(8)
print(b.write(b'X'), b.getvalue())
b.seek(20)
b.write(b'!')
print(b.getvalue(), len(b.getvalue()))
print(b.truncate(5), b.getvalue(), b.tell())
ba = bytearray(3)
b.seek(1)
print(b.readinto(ba), ba)
for bad in [lambda: b.write('s'), lambda: b.seek(-1), lambda: b.seek(0, 3), lambda: b.truncate(-1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
with io.BytesIO(b'x') as c:
    print(c.read(), c.readable(), c.writable(), c.seekable())
for fn in [c.getvalue, c.read, c.tell]:
    try:
        fn()
    except ValueError as e:
        print(e)
print(isinstance(io.BytesIO(), io.BufferedIOBase), isinstance(io.BytesIO(), io.IOBase), isinstance(io.BytesIO(), io.TextIOBase))
