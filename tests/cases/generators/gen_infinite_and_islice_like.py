# An infinite generator consumed partially; taking n items by hand.
def naturals():
    n = 0
    while True:
        yield n
        n += 1

def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out

print(take(5, naturals()))
fib_gen = None
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(take(10, fib()))
g = naturals()
print(next(g), next(g), next(g))
g.close()
print(next(g, "closed"))
