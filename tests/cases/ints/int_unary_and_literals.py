# Unary operators and int literal forms (hex, octal, binary, underscores).
x = 5
print(-x, +x, ~x, - -x, -(-x))
print(0xff, 0o17, 0b1011, 1_000_000, 0x_ff)
print(0xFFFFFFFFFFFFFFFFFF)
print(-0, +0, -(2 ** 64))
print(abs(-x), -abs(x))
