# Builtins called straight from the value stack (len, isinstance, abs,
# list.append, list.pop): every shape must behave as the general call does.

class L(list):
    def append(self, v):
        super().append(v * 10)

class Sized:
    def __len__(self):
        return 3

class Neg:
    def __abs__(self):
        return "abs!"

x = [1, 2]
x.append(3)
print(x, x.pop(), x.pop(0), x, len(x), len("héllo"), len(Sized()))
l = L()
l.append(1)
list.append(l, 2)
print(l, type(l).__name__)
f = x.append
f(9)
print(x, abs(-3), abs(-2.5), abs(Neg()), abs(True), isinstance(x, (int, list)))
print(isinstance(l, list), isinstance(3, str), isinstance(True, int))
for call in (
    lambda: len(),
    lambda: len(1, 2),
    lambda: len(5),
    lambda: abs(),
    lambda: abs("s"),
    lambda: isinstance(1),
    lambda: isinstance(1, 2),
    lambda: [].pop(),
    lambda: [1].pop(5),
    lambda: [1].pop("a"),
    lambda: x.append(),
    lambda: x.append(1, 2),
    lambda: list.append(),
    lambda: list.append((), 1),
    lambda: list.pop({}),
    lambda: len(x=1),
):
    try:
        print("ok", call())
    except Exception as e:
        print(type(e).__name__, e)

# The arguments are held for the duration of the call, as in CPython.
import sys
y = object()
print(sys.getrefcount(y))
holder = []
holder.append(y)
print(sys.getrefcount(y), len(holder))
