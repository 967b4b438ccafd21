# text files: tell() cookies across multi-byte characters, seek whence rules, truncate, telling disabled while iterating
import os, shutil, tempfile, io
d = tempfile.mkdtemp()
os.chdir(d)
with open('t.txt', 'w', encoding='utf-8') as f:
    f.write('aé€\n😀b\nlast\n')
    print(f.tell())
with open('t.txt', encoding='utf-8') as f:
    positions = []
    while True:
        positions.append(f.tell())
        c = f.read(1)
        if not c:
            break
    print(positions)
    f.seek(positions[3])
    print(repr(f.read(3)))
    print(f.seek(0, 2), repr(f.read()))
    for args in [(1, 1), (-1, 2), (0, 3), (-1,)]:
        try:
            f.seek(*args)
        except Exception as e:
            print(type(e).__name__, e)
    print(f.seek(0, 1) == f.tell())
with open('t.txt') as f:
    next(f)
    try:
        f.tell()
    except OSError as e:
        print(e)
    for line in f:
        pass
    print(f.tell())
with open('t.txt', 'r+') as f:
    f.readline()
    print(f.truncate(), f.tell())
    print(f.truncate(2), f.tell())
print(open('t.txt', 'rb').read(), os.path.getsize('t.txt'))
print(io.SEEK_SET, io.SEEK_CUR, io.SEEK_END, os.SEEK_END)
os.chdir('/')
shutil.rmtree(d)
