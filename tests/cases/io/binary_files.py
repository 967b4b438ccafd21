# binary files: BufferedReader/Writer/Random and FileIO (buffering=0): read(n), readline, seek/tell, truncate, reprs, modes
import os, shutil, tempfile
d = tempfile.mkdtemp()
os.chdir(d)
with open('b.bin', 'wb') as f:
    print(repr(f), f.mode, repr(f.raw))
    print(f.write(b'line one\nline two\n'), f.write(bytearray(b'\x00\xff tail')))
    print(f.tell())
with open('b.bin', 'rb') as f:
    print(repr(f), f.mode)
    print(f.read(4), f.readline(), f.tell())
    print(f.peek()[:4], f.read1(3))
    print(f.seek(-5, 2), f.read(), f.read())
    print(f.seek(0), f.readlines())
    try:
        f.write(b'x')
    except Exception as e:
        print(type(e).__name__, e)
with open('b.bin', 'r+b') as f:
    print(repr(f), f.mode)
    f.seek(5)
    print(f.write(b'ONE'), f.tell())
    print(f.truncate(12), f.tell())
    f.seek(0)
    print(f.read())
    ba = bytearray(4)
    f.seek(0)
    print(f.readinto(ba), ba)
with open('b.bin', 'rb', buffering=0) as f:
    print(repr(f), f.mode, f.closefd, f.readable(), f.writable())
    print(f.read(3), f.readline(), f.readall())
print(repr(f))
with open('b.bin', 'ab') as f:
    print(f.mode, f.raw.mode, f.tell(), f.write(b'!'))
with open('b.bin', 'w+b') as f:
    print(f.mode, f.read(), f.write(b'new'), f.seek(0), f.read())
try:
    f.read()
except ValueError as e:
    print(e)
with open('b.bin', 'xb' if not os.path.exists('b.bin') else 'rb') as f:
    for chunk in f:
        print(chunk)
try:
    open('b.bin', 'wb').write('text')
except TypeError as e:
    print(e)
os.chdir('/')
shutil.rmtree(d)
