# io.StringIO: getvalue, read/write/seek/tell/truncate, readline(s), iteration, newline handling, closed errors
import io
s = io.StringIO('hello\nworld\n')
print(s.read(3), repr(s.readline()), s.tell(), s.readlines(), repr(s.read()))
s.seek(0)
print(list(s))
s = io.StringIO()
print(s.write('abc'), s.write('déf\n'), s.tell(), repr(s.getvalue()))
s.seek(1)
s.write('X')
print(repr(s.getvalue()), s.tell())
s.seek(10)
s.write('!')
print(repr(s.getvalue()))
print(s.truncate(4), repr(s.getvalue()), s.tell())
s.seek(0, 2)
print(s.tell())
for args in [(1, 1), (-1, 2), (-1,), (0, 5)]:
    try:
        s.seek(*args)
    except Exception as e:
        print(type(e).__name__, e)
print(s.readable(), s.writable(), s.seekable(), s.closed, s.line_buffering)
for nl in [None, '', '\n', '\r', '\r\n']:
    t = io.StringIO('a\r\nb\rc\n', newline=nl)
    print(repr(nl), repr(t.getvalue()), t.readlines(), t.newlines)
    t = io.StringIO(newline=nl)
    t.write('x\ny\r\n')
    print(repr(nl), repr(t.getvalue()))
with io.StringIO('ctx') as c:
    print(c.read())
print(c.closed)
for fn in [c.getvalue, c.read, lambda: c.write('x'), c.tell]:
    try:
        fn()
    except ValueError as e:
        print(e)
for bad in [lambda: io.StringIO(b'x'), lambda: io.StringIO().write(b'x'), lambda: io.StringIO(newline='x')]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(io.StringIO('abc').readline(2), io.StringIO('ab\ncd').readlines(1))
print(isinstance(io.StringIO(), io.TextIOBase), isinstance(io.StringIO(), io.IOBase))
