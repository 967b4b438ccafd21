# open() with the UTF-16/32, utf-8-sig, cp1252 and escape codecs.
import os
import tempfile

d = tempfile.mkdtemp()
path = os.path.join(d, 'f.txt')
text = 'héllo\nwörld €\n😀 end\n' * 300

def raw():
    with open(path, 'rb') as f:
        return f.read()

for enc in ('utf-16', 'utf-16-le', 'UTF-16BE', 'utf-32', 'utf_32_be', 'utf-8-sig', 'U16',
            'unicode_escape'):
    with open(path, 'w', encoding=enc) as f:
        f.write(text[:7])
        f.write(text[7:])
    data = raw()
    print(enc, len(data), data[:12], data == text.encode(enc))
    with open(path, encoding=enc) as f:
        back = f.read()
    print(back == text, f.encoding)
    with open(path, encoding=enc) as f:
        lines = f.readlines()
    print(len(lines), repr(lines[0]), repr(lines[-1]))
    with open(path, encoding=enc) as f:
        first = f.read(5)
        rest = f.read()
    print(repr(first), first + rest == text)

# appending does not write a second BOM
with open(path, 'w', encoding='utf-16') as f:
    f.write('ab')
with open(path, 'a', encoding='utf-16') as f:
    f.write('cd')
print(raw(), open(path, encoding='utf-16').read())
with open(path, 'w', encoding='utf-8-sig') as f:
    f.write('x')
with open(path, 'a', encoding='utf-8-sig') as f:
    f.write('y')
print(raw(), repr(open(path, encoding='utf-8-sig').read()), repr(open(path, encoding='utf-8').read()))

# a big-endian BOM is honoured by 'utf-16'
with open(path, 'wb') as f:
    f.write(b'\xfe\xff' + 'big\nendian'.encode('utf-16-be'))
with open(path, encoding='utf-16') as f:
    print(f.readlines())

# cp1252
with open(path, 'w', encoding='cp1252') as f:
    f.write('café €5\n')
print(raw(), open(path, encoding='windows-1252').read())
try:
    with open(path, 'w', encoding='cp1252') as f:
        f.write('\u0100')
except UnicodeEncodeError as ex:
    print(type(ex).__name__, ex)
with open(path, 'wb') as f:
    f.write(b'ok\x81')
try:
    open(path, encoding='cp1252').read()
except UnicodeDecodeError as ex:
    print(type(ex).__name__, ex)
print(repr(open(path, encoding='cp1252', errors='replace').read()))

# truncated UTF-16 data at the end of a file
with open(path, 'wb') as f:
    f.write('abc'.encode('utf-16-le') + b'\x00')
try:
    open(path, encoding='utf-16-le').read()
except UnicodeDecodeError as ex:
    print(type(ex).__name__, ex)
print(repr(open(path, encoding='utf-16-le', errors='replace').read()))

try:
    open(path, encoding='utf-17')
except LookupError as ex:
    print(type(ex).__name__, ex)
os.remove(path)
os.rmdir(d)

# the stream decoders of utf-16 and utf-32 want a BOM
d = tempfile.mkdtemp()
path = os.path.join(d, 'nobom.txt')
for enc, data in (('utf-16', 'hi'.encode('utf-16-le')), ('utf-32', 'hi'.encode('utf-32-le')),
                  ('utf-16', b'h'), ('utf-8-sig', b'\xef\xbb')):
    with open(path, 'wb') as f:
        f.write(data)
    try:
        with open(path, encoding=enc) as f:
            print(enc, repr(f.read()))
    except UnicodeError as ex:
        print(enc, type(ex).__name__, ex)
os.remove(path)
os.rmdir(d)
