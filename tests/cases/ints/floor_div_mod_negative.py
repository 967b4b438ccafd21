# // and % round toward negative infinity, so the remainder takes the divisor's sign.
for a in [7, -7]:
    for b in [2, -2]:
        print(a, b, a // b, a % b)
print(-1 // 10, -1 % 10, 1 // -10, 1 % -10)
print(0 // 5, 0 % -5, -10 // 5, -10 % 5)
print(-(2 ** 70) // 3, -(2 ** 70) % 3)
print((2 ** 70) // -3, (2 ** 70) % -3)
a = -17
b = 5
print(a == (a // b) * b + a % b)
