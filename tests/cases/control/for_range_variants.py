# range with one, two and three arguments, negative steps and empty ranges.
for r in [range(5), range(2, 10, 3), range(10, 0, -2), range(0), range(5, 2), range(-3, 3), range(3, -3, -1)]:
    out = []
    for i in r:
        out.append(i)
    print(r, out, len(r))
try:
    range(1, 2, 0)
except ValueError as e:
    print('ValueError:', e)
big = 0
for i in range(10 ** 20, 10 ** 20 + 3):
    big = i
print(big)
