# Nested unpacking targets, including unpacking in for loops.
(a, b), c = (1, 2), 3
print(a, b, c)
x, (y, (z, w)) = 'x', ['y', ('z', 'w')]
print(x, y, z, w)
for name, (lo, hi) in [('first', (1, 2)), ('second', (3, 4))]:
    print(name, lo + hi)
pairs = [(1, 'one'), (2, 'two')]
for n, word in pairs:
    print(word, n)
