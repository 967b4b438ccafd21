# Equal numbers are the same key: 1, 1.0 and True collide; the first key object is kept.
d = {1: 'int'}
d[1.0] = 'float'
d[True] = 'bool'
print(d, len(d))
e = {True: 'a', 1: 'b', 1.0: 'c'}
print(e)
f = {0: 'zero'}
print(f[False], f[0.0], -0.0 in f)
g = {2 ** 70: 'big'}
print(g[2 ** 70], float(2 ** 70) in g)
