# the io class hierarchy: isinstance against the ABCs, class reprs, TextIOWrapper over a buffer, io.open
import io, os, shutil, tempfile
d = tempfile.mkdtemp()
p = os.path.join(d, 'c.txt')
with open(p, 'w') as f:
    print(type(f), type(f.buffer), type(f.buffer.raw))
    print(isinstance(f, io.TextIOBase), isinstance(f, io.IOBase), isinstance(f, io.BufferedIOBase))
    print(isinstance(f.buffer, io.BufferedIOBase), isinstance(f.buffer, io.BufferedWriter), isinstance(f.buffer.raw, io.RawIOBase), isinstance(f.buffer.raw, io.FileIO))
with io.open(p, 'rb') as f:
    print(type(f) is io.BufferedReader)
    t = io.TextIOWrapper(f, encoding='ascii')
    print(repr(t.read()), t.encoding)
with open(p, 'r+b') as f:
    print(type(f) is io.BufferedRandom, isinstance(f, io.IOBase))
print(io.IOBase, io.TextIOBase, io.StringIO, io.BytesIO, io.TextIOWrapper, io.FileIO)
print(issubclass(io.StringIO, io.TextIOBase), issubclass(io.FileIO, io.RawIOBase), issubclass(io.BytesIO, io.IOBase))
print(io.DEFAULT_BUFFER_SIZE)
shutil.rmtree(d)
