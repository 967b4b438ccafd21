# yield from returns the subgenerator's return value and forwards send() and throw() to it.
def sub(name):
    total = 0
    while True:
        x = yield name
        if x is None:
            return name + ":" + str(total)
        total += x
def delegator():
    r1 = yield from sub("first")
    print("  got", r1)
    r2 = yield from sub("second")
    print("  got", r2)
    return [r1, r2]
d = delegator()
print(next(d), d.send(1), d.send(2), d.send(None), d.send(5))
try:
    d.send(None)
except StopIteration as e:
    print("result", e.value)
def catcher():
    try:
        yield 1
    except KeyError as k:
        print("  sub caught", repr(k))
        yield "recovered"
    return "done"
def outer():
    r = yield from catcher()
    yield "outer got " + r
o = outer()
print(next(o), o.throw(KeyError("x")), next(o))
def from_iterables():
    r = yield from [1, 2]
    print("  list gives", r)
    yield from range(3, 5)
    yield from "ab"
print(list(from_iterables()))
