# int methods: bit_length, bit_count, to_bytes/from_bytes, as_integer_ratio, conjugate, real/imag/numerator/denominator
for n in [0, 1, -1, 255, 256, -256, 2**64, -(2**100) + 3, True]:
    print(n, n.bit_length(), n.bit_count(), n.as_integer_ratio(), n.conjugate(), n.real, n.imag, n.numerator, n.denominator)
print((1024).to_bytes(2, 'big'), (1024).to_bytes(2, 'little'), (1024).to_bytes(4, byteorder='big'), (0).to_bytes(0, 'big'))
print((255).to_bytes(1, 'big'), (-1).to_bytes(1, 'big', signed=True), (-128).to_bytes(1, 'big', signed=True), (127).to_bytes(1, 'little', signed=True))
print((-129).to_bytes(2, 'big', signed=True), (2**64).to_bytes(9, 'big'), (-(2**63)).to_bytes(8, 'little', signed=True))
print((5).to_bytes(), (65).to_bytes(length=2))
for args in [(1, 'big'), (2, 'little')]:
    print(int.from_bytes(b'\x01\x02', *args[1:]), end=' ')
print()
print(int.from_bytes(b'\xff\xfe', 'big'), int.from_bytes(b'\xff\xfe', 'big', signed=True), int.from_bytes(b'', 'little'), int.from_bytes([1, 2, 3], 'little'))
print(int.from_bytes(bytearray(b'\x80'), 'big', signed=True), int.from_bytes(b'\x00' * 9 + b'\x01', 'big'), int.from_bytes(b'\x01'))
class MyInt(int):
    pass
m = MyInt.from_bytes(b'\x07', 'big')
print(m, type(m).__name__, MyInt(5).real, type(MyInt(5).real).__name__, type((5).real).__name__)
for call in [lambda: (256).to_bytes(1, 'big'), lambda: (-1).to_bytes(1, 'big'), lambda: (128).to_bytes(1, 'big', signed=True),
             lambda: (-129).to_bytes(1, 'big', signed=True), lambda: (1).to_bytes(1, 'middle'), lambda: (1).to_bytes(-1, 'big'),
             lambda: int.from_bytes('ab', 'big'), lambda: (1).to_bytes(1, 5)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
print(int.__index__(7), (7).__int__(), (7).__float__(), (-7).__abs__(), (7).__trunc__(), (7).__floor__(), (7).__ceil__())
