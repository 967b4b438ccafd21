# yield from delegates next/send to a subgenerator and takes its return value.
def inner(tag):
    got = yield tag + "-1"
    print("inner got", got)
    yield tag + "-2"
    return tag.upper()

def outer():
    a = yield from inner("a")
    print("a returned", a)
    b = yield from inner("b")
    print("b returned", b)
    c = yield from [1, 2]
    print("list gives", c)
    return a + b

g = outer()
print(next(g))
print(g.send("x"))
print(next(g))
print(g.send("y"))
print(next(g))
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("outer returned", e.value)

def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain("ab", range(3), (x * x for x in range(3)))))
def tree(n):
    if n:
        yield from tree(n - 1)
        yield n
        yield from tree(n - 1)
print(list(tree(3)))
