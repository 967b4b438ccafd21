# print(file=...) with files and StringIO; sys.stdout/stderr are io.TextIOWrapper instances with CPython's reprs
import io, os, sys, shutil, tempfile
s = io.StringIO()
print('a', 1, [2], sep='-', end='!\n', file=s)
print(file=s)
print(repr(s.getvalue()))
d = tempfile.mkdtemp()
p = os.path.join(d, 'out.txt')
with open(p, 'w') as f:
    print('to a file', 42, file=f)
with open(p) as f:
    print(repr(f.read()))
shutil.rmtree(d)
print(repr(sys.stdout), repr(sys.stderr), repr(sys.stdin))
print(type(sys.stdout).__name__, isinstance(sys.stdout, io.TextIOWrapper), isinstance(sys.stderr, io.TextIOBase), isinstance(sys.stdout, io.IOBase))
print(isinstance(s, io.TextIOWrapper), sys.stdout.fileno(), sys.stderr.fileno(), sys.stdout.writable(), sys.stdin.readable())
print(io.open is open, open.__name__)
