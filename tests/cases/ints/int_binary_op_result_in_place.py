# BINARY_OP on two exact ints puts its result where the left operand was on the value stack; results that overflow a machine word, bool operands, int subclasses and mixed types take the general path, and operands are released left then right
import sys


class I(int):
    def __add__(self, other):
        return "I.__add__"


a = 2**62
print(a + a, a * 4, -a - a - a, a // 3, a % 7, 2**63 - 1 + 1)
print(True + True, True & False, True | False, True ^ True, 3 - True)
print(I(1) + 2, 2 + I(1), 5 * 1.5, 7 // 2, -7 // 2, -7 % 3, 7 % -3)
try:
    1 // 0
except ZeroDivisionError as e:
    print(e)
try:
    1 % 0
except ZeroDivisionError as e:
    print(e)
x = int("1000")
y = int("2000")
print(sys.getrefcount(x), sys.getrefcount(y))
z = x + y
print(z, sys.getrefcount(x), sys.getrefcount(y), sys.getrefcount(z))
t = [x + y * 2 - x // 3 for _ in range(3)]
print(t)
acc = 0
for i in range(1000):
    acc += i * i - (i << 2) + (i ^ 5)
print(acc)
