# Mixed int and float operands (and floats with a result the direct path
# leaves alone) go straight to the float operation; results, types and
# errors are CPython's, an operator floats lack reported as written.
vals = [0, -7, 2**70, 1.5, -0.0, float('inf'), float('nan'), True, 1e308]
ops = ['+', '-', '*', '//', '%', '**', '/', '@', '&']
for a in vals:
    for b in vals:
        out = []
        for op in ops:
            if op == '**' and type(a) is not float and type(b) is not float and b > 10:
                continue
            try:
                r = eval(f"a {op} b")
                out.append(f"{r!r}:{type(r).__name__}")
            except Exception as e:
                out.append(f"{type(e).__name__}({e})")
        print(repr(a), repr(b), ' '.join(out))
x = 1.5
try:
    x @= 2
except TypeError as e:
    print(e)
try:
    x &= 2
except TypeError as e:
    print(e)
x **= 2; print(x)
