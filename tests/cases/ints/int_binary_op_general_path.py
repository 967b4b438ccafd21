# Ints past a machine word (and bools) go straight to the int operation;
# results, result types and errors are CPython's, and an operator ints do
# not have is reported as written (`@=` in place).
vals = [0, -7, 2**70, -(2**65) + 3, True]
ops = ['+', '-', '*', '//', '%', '**', '&', '|', '^', '<<', '>>', '/', '@']
for a in vals:
    for b in vals:
        out = []
        for op in ops:
            if op in ('**', '<<') and b > 100:
                continue
            try:
                r = eval(f"a {op} b")
                out.append(f"{r!r}:{type(r).__name__}")
            except Exception as e:
                out.append(f"{type(e).__name__}({e})")
        print(a, b, ' '.join(out))
x = 5
x += 2**80
x //= 3
print(x)
try:
    x @= 2
except TypeError as e:
    print(e)
try:
    x = (2**70) @ 3
except TypeError as e:
    print(e)


class I(int):
    def __add__(self, other):
        return "I.__add__"

    def __rsub__(self, other):
        return "I.__rsub__"


print(I(1) + 2**70, 2**70 - I(3), I(2) * 2**70)
