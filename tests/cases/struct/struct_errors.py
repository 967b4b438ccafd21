# struct: CPython's error types and messages for bad formats, values, counts and buffers
import struct

def t(f, *a):
    try:
        print(repr(f(*a)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

for fmt, v in [('b', 200), ('<b', 200), ('B', -1), ('h', 70000), ('<h', 70000), ('H', -1), ('<H', 70000),
               ('i', 2**31), ('<i', 2**31), ('I', -1), ('<I', -1), ('I', 2**32), ('<I', 2**32),
               ('l', 2**63), ('<l', 2**63), ('<l', 2**31), ('L', -1), ('<L', 2**32), ('q', 2**63),
               ('<q', 2**63), ('Q', -1), ('<Q', -1), ('<Q', 2**64), ('n', 2**63), ('N', -1),
               ('P', -1), ('i', 1.5), ('i', '1'), ('b', 2**100), ('i', None),
               ('c', b'ab'), ('c', 'a'), ('s', 'a'), ('p', 1), ('f', 'x'), ('d', 10**400),
               ('e', 'x'), ('<e', 65520.0), ('e', 1e300), ('<f', 1e300), ('f', 1e300),
               ('<f', 3.4028236e38)]:
    t(struct.pack, fmt, v)
for fmt in ['<n', '<N', '<P', '3', 'z', 'i\x00', '2 i', ' <i', 'i<', '99999999999999999999i',
            '9999999999999999999i', 'é']:
    t(struct.calcsize, fmt)
t(struct.calcsize, 3)
t(struct.pack, 'ii', 1)
t(struct.pack, 'i')
t(struct.pack, 'i', 1, 2)
t(struct.unpack, 'i', b'abc')
t(struct.unpack, 'i', b'abcde')
t(struct.unpack, 'i', 'abcd')
t(struct.unpack_from, 'i', b'abc', 2)
t(struct.unpack_from, 'i', b'abcdefgh', -9)
t(struct.unpack_from, 'i', b'abcdefgh', -3)
t(struct.pack_into, 'i', bytearray(3), 0, 1)
t(struct.pack_into, 'i', bytearray(8), -9, 1)
t(struct.pack_into, 'i', bytearray(8), -3, 1)
t(struct.pack_into, 'i', b'12345678', 0, 1)
t(struct.pack_into, 'i', bytearray(8), 0)
t(struct.pack_into, 'i', bytearray(8))
t(struct.pack_into, 'i')
t(lambda: list(struct.iter_unpack('', b'')))
t(lambda: list(struct.iter_unpack('i', b'12345')))
