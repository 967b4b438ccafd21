# Addition, subtraction, multiplication and division crossing the 64-bit limit and signs.
big = 2 ** 64
print(big + 1, big - 1, -big - 1)
print(big - big, big - 2 * big)
print(9223372036854775807 + 1)
print(-9223372036854775808 - 1)
print(4294967296 * 4294967296)
print(123456789012345678901234567890 * 987654321098765432109876543210)
print(10 ** 30 // 7, 10 ** 30 % 7)
print(-(10 ** 30) // 7, -(10 ** 30) % 7)
print(10 ** 30 // -(10 ** 15), (10 ** 30 + 5) % 10 ** 15)
print(big * 0, big * -1, abs(-big))
x = 1
for i in range(100):
    x = x * 3 + 1
print(x)
