# Comprehension scopes: class-body names are invisible inside except in the first iterable; loop vars don't leak.
class C:
    base = [1, 2, 3]
    factor = 10
    doubled = [x * 2 for x in base]
    try:
        scaled = [x * factor for x in base]
    except NameError as e:
        scaled = "NameError: " + str(e)
    pairs = [(x, y) for x in base for y in [x]]
print(C.doubled, C.scaled, C.pairs)
print(hasattr(C, "x"))
x = "global"
lst = [x for x in range(3)]
print(x, lst)
def f():
    y = "local"
    g = (y for _ in range(2))
    y = "rebound"
    return list(g)
print(f())
class D:
    n = 3
    gen = [i for i in range(n)]
    try:
        nested = [[j for j in range(n)] for _ in range(2)]
    except NameError as e:
        nested = "NameError: " + str(e)
print(D.gen, D.nested)
print([[i * j for j in range(3)] for i in range(3)])
print(dict((k, [k] * 2) for k in "ab"))
