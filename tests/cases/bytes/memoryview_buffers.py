# memoryviews where a bytes-like object is accepted.
import struct

m = memoryview(b'hello world')
ba = bytearray(b'hello')
print(b'-'.join([m[:5], memoryview(ba), b'!']), bytearray(b',').join([m[6:]]))
print(b'hello world'.find(m[6:]), b'xhello'.startswith(m[:1]), b'abc'.replace(memoryview(b'b'), memoryview(b'XY')))
print(b'a' + m[:2], bytearray(b'a') + m[:2], m[:5] in b'say hello', b'lo' in memoryview(b'x') if False else '')
print(b'a,b'.split(memoryview(b',')), b'  x '.strip(memoryview(b' ')), b'abc'.count(memoryview(b'c')))
print(ba.find(memoryview(b'l')), b'xyz'.endswith((memoryview(b'z'),)), [type(x).__name__ for x in b'abc'.partition(memoryview(b'b'))])
ba2 = bytearray(b'ab')
ba2 += memoryview(b'cd')
ba2.extend(memoryview(b'ef'))
ba2[0:1] = memoryview(b'AA')
print(ba2, bytes(memoryview(b'xy')[::-1]), bytearray(memoryview(b'q')))
print(b'%s|%b' % (memoryview(b'S'), memoryview(b'B')))
print(str(memoryview(b'text'), 'ascii'), str(memoryview(b'\xc3\xa9'), encoding='utf-8'))
print(int(memoryview(b'42')), float(memoryview(b'2.5')))

# struct
print(struct.unpack('<h', memoryview(b'\x01\x02')), struct.unpack_from('<h', memoryview(b'xx\x01\x02'), 2))
print(struct.unpack_from('b', m, offset=1), list(struct.iter_unpack('<h', memoryview(b'\x01\x00\x02\x00'))))
out = bytearray(6)
struct.pack_into('<h', memoryview(out), 2, 0x0102)
print(out)
view = memoryview(out)[2:]
struct.pack_into('<h', view, 2, -1)
print(out)
for buf in (memoryview(b'abc'), memoryview(bytearray(8))[::2], b'abc'):
    try:
        struct.pack_into('b', buf, 0, 1)
    except TypeError as ex:
        print(type(ex).__name__, ex)
try:
    struct.unpack_from('b', memoryview(bytearray(b'abc'))[::2], 0)
except BufferError as ex:
    print(type(ex).__name__, ex)
try:
    struct.unpack('b', memoryview(b'ab').cast('c')[:1])
    print('cast ok')
except Exception as ex:
    print(type(ex).__name__, ex)
try:
    b''.join([memoryview(b'ab')[::-1]])
except TypeError as ex:
    print(type(ex).__name__, ex)
print(bytes(memoryview(b'abcd').cast('h')), bytes(memoryview(b'abcd')[::2]))

# io
import io
bio = io.BytesIO()
bio.write(memoryview(b'written'))
print(bio.getvalue())
