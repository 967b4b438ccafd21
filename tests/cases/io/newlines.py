# newline= on reading (universal newlines, '', '\n', '\r\n') and writing (translation), newlines attribute
import os, shutil, tempfile
d = tempfile.mkdtemp()
os.chdir(d)
data = b'a\r\nb\rc\nd\r\n\r\ne'
with open('n.txt', 'wb') as f:
    f.write(data)
for nl in [None, '', '\n', '\r', '\r\n']:
    with open('n.txt', newline=nl) as f:
        print(repr(nl), f.readlines(), f.newlines)
    with open('n.txt', newline=nl) as f:
        print(repr(nl), repr(f.read()))
    with open('n.txt', newline=nl) as f:
        print(repr(nl), [f.read(2) for _ in range(6)])
for nl in [None, '', '\n', '\r', '\r\n']:
    with open('w.txt', 'w', newline=nl) as f:
        f.write('x\ny\r\nz\r')
    with open('w.txt', 'rb') as f:
        print(repr(nl), f.read())
big = 'line\r\n' * 3000
with open('big.txt', 'w', newline='') as f:
    f.write(big)
with open('big.txt') as f:
    lines = f.readlines()
print(len(lines), set(lines))
with open('big.txt') as f:
    print(len(f.read()))
os.chdir('/')
shutil.rmtree(d)
