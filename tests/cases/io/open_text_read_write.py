# open() in text mode: write/read/readline/readlines/iteration, reprs, attributes, context manager
import os, shutil, tempfile
d = tempfile.mkdtemp()
os.chdir(d)
with open('f.txt', 'w') as f:
    print(repr(f))
    print(f.name, f.mode, f.encoding, f.errors, f.closed, f.line_buffering)
    print(f.readable(), f.writable(), f.seekable(), isinstance(f.fileno(), int))
    print(f.write('first line\n'), f.write('é ünïcode\n'), f.write(''))
    f.writelines(['a\n', 'b\n', 'last'])
print(f.closed, repr(f))
with open('f.txt') as f:
    print(repr(f.read(5)), repr(f.readline()), repr(f.readline(3)))
    print(f.readlines())
    print(repr(f.read()), repr(f.readline()))
with open('f.txt', encoding='utf-8') as f:
    print(repr(f), [line for line in f])
with open('f.txt', 'a') as f:
    print(f.tell(), f.write('+appended\n'))
with open('f.txt', 'r+') as f:
    print(f.readline(), end='')
    print(f.write('X'))
    f.seek(0)
    print(f.read())
f = open('f.txt', 'rt')
lines = list(f)
f.close()
print(len(lines), lines[-1])
with open('lat.txt', 'w', encoding='latin-1') as f:
    f.write('café')
print(open('lat.txt', 'rb').read(), open('lat.txt', encoding='latin-1').read())
os.chdir('/')
shutil.rmtree(d)
print(os.path.exists(d))
