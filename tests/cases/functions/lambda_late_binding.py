# Closures bind variables, not values: late binding in loops and the default-argument fix.
fns = [lambda: i for i in range(3)]
print([f() for f in fns])
fixed = [lambda i=i: i for i in range(3)]
print([f() for f in fixed])
adders = []
for n in range(3):
    adders.append(lambda x: x + n)
print([a(10) for a in adders])
n = 100
print([a(10) for a in adders])
def make():
    fs = []
    for k in "abc":
        def f():
            return k
        fs.append(f)
    k = "changed"
    return fs
print([f() for f in make()])
def make2():
    return [(lambda k: lambda: k)(k) for k in "xyz"]
print([f() for f in make2()])
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
print((lambda *a, **k: (a, k))(1, 2, z=3))
print((lambda: 0).__name__, (lambda x=[]: x)() == [])
