# str() and repr() of ints and parsing them back are inverse, for small and big values.
vals = [0, 1, -1, 255, -256, 2 ** 31, 2 ** 63, -(2 ** 63), 2 ** 300, -(3 ** 150)]
for v in vals:
    s = str(v)
    print(s == repr(v), int(s) == v, len(s))
print(str(2 ** 300))
print(str(10 ** 50)[:10], str(10 ** 50)[-5:])
