# struct: every format code in every byte order, packed and unpacked (hex of the bytes, values back)
import struct

ints = [0, 1, -1, 127, -128, 255, 256, 32767, -32768, 65535, 2**31 - 1, -2**31, 2**32 - 1,
        2**63 - 1, -2**63, 2**64 - 1, True]
for order in '@=<>!':
    for code in 'bBhHiIlLqQnNP':
        if order != '@' and code in 'nNP':
            continue
        fmt = order + code
        ok = []
        for v in ints:
            try:
                b = struct.pack(fmt, v)
            except struct.error as e:
                ok.append('E')
                continue
            back = struct.unpack(fmt, b)[0]
            ok.append(b.hex() + ('' if back == v else '!' + str(back)))
        print(fmt, struct.calcsize(fmt), ' '.join(ok))

floats = [0.0, -0.0, 1.0, -2.5, 1 / 3, 1e-5, 1e-8, 65504.0, 65519.99, 1e38, 3.4028235e38,
          1e-40, 1e-310, float('inf'), -float('inf'), float('nan')]
for order in '@<>':
    for code in 'efd':
        fmt = order + code
        out = []
        for x in floats:
            try:
                b = struct.pack(fmt, x)
            except OverflowError as e:
                out.append('O')
                continue
            out.append(b.hex() + '=' + repr(struct.unpack(fmt, b)[0]))
        print(fmt, ' '.join(out))

print(struct.pack('?', []), struct.pack('?', 3), struct.unpack('??', b'\x00\x05'))
print(struct.pack('c', b'a'), struct.unpack('2c', b'xy'))
print(struct.pack('5s', b'ab'), struct.pack('2s', b'abcd'), struct.pack('0s', b'x'), struct.pack('s', bytearray(b'q')))
print(struct.pack('5p', b'ab'), struct.pack('3p', b'abcd'), struct.unpack('5p', b'\x09abcd'))
print(struct.unpack('3s2x4p', b'abc\x00\x00\x03xyz'))
print(struct.pack('>hxhxxi', 1, 2, 3).hex(), struct.pack('@bhbi', 1, 2, 3, 4).hex())
print(struct.pack('3h', 1, 2, 3), struct.unpack('<3H', b'\x01\x00\x02\x00\x03\x00'))
for fmt in ['', 'x', 'c', 'ci', 'ic', 'bq', '@ci0q', 'hd', '3x', '<ci', '>ci', '!d', '=L', 'P?',
            '10s', '0s', '4p', 'e', 'ee', 'bi0l', 'q\t i', 'xxxxd']:
    print(repr(fmt), struct.calcsize(fmt))

class Idx:
    def __index__(self):
        return 7
print(struct.pack('i', Idx()), struct.pack('d', 3), struct.pack('f', True))
for x in [1.0000001, 0.1, 2.0**-24, 2.0**-25, 3 * 2.0**-26, 2.0**-14 * 1.5, 1.00048828125, 1.00146484375, 65503.9]:
    print(x, struct.pack('<e', x).hex(), struct.unpack('<e', struct.pack('<e', x))[0])
