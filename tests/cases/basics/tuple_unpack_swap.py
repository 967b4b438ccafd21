# a, b = b, a swaps; unpacking works from lists, tuples and strings.
a = 1
b = 2
a, b = b, a
print(a, b)
x, y, z = [10, 20, 30]
print(x, y, z)
p, q = 'hi'
print(p, q)
(m, n) = (n1, n2) = (5, 6)
print(m, n, n1, n2)
[r, s] = (7, 8)
print(r, s)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
