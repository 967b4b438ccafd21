# struct: Struct objects, pack_into/unpack_from/iter_unpack with offsets, bytes formats
import struct

s = struct.Struct('<hi')
print(s.format, s.size, type(s).__name__)
print(s.pack(1, -2), s.unpack(b'\x01\x00\xfe\xff\xff\xff'))
b = bytearray(10)
s.pack_into(b, 2, 5, 6)
print(b)
struct.pack_into('>H', b, -2, 0xabcd)
print(b, s.unpack_from(b, 2), s.unpack_from(b, offset=2))
print(struct.unpack_from('<H', b, -2), struct.unpack_from('B', b))
print(list(s.iter_unpack(bytes(range(12)))))
print(list(struct.iter_unpack('>H', b'\x00\x01\x00\x02')))
print(struct.Struct(b'>Q').format, struct.Struct(b'>Q').size, struct.calcsize(b'ii'))
print(struct.unpack('i', bytearray(b'\x01\x02\x03\x04')))
print(struct.pack('i', 1) + struct.pack('i', 2))
print(issubclass(struct.error, Exception), struct.error.__name__, struct.error.__module__)
try:
    struct.pack('i', 'x')
except struct.error as e:
    print('error:', e)
