# Method calls through a warmed call site on objects of builtin kinds with
# special attribute lookups (sets, ints, floats, generators, exceptions),
# subclasses overriding the method, and instance attributes shadowing it.
class MySet(set):
    def add(self, x):
        print("MySet.add", x)
        super().add(x * 10)


def fill(objs):
    for o in objs:
        o.add(1)
    return [sorted(o) for o in objs]


s, m = set(), MySet()
print(fill([s, m, s, m]))
m.add = lambda x: print("instance add", x)
print(fill([m, s]))
del m.add
print(fill([m]))


def ints(xs):
    return [(x.bit_length(), x.conjugate()) for x in xs]


print(ints([1, 255, True, 2**70]))
print([f.is_integer() for f in (1.0, 1.5, -0.0)])


def gen():
    got = yield 1
    print("got", got)
    yield 2


gs = [gen(), gen()]
print([g.send(None) for g in gs])
print([g.send("x") for g in gs])
for g in gs:
    g.close()
print([type(e).__name__ for e in (ValueError("a").with_traceback(None), KeyError("k"))])


class Shadow(Exception):
    pass


e = Shadow("m")
print(e.with_traceback(None) is e)
e.with_traceback = lambda tb: "shadowed"
print(e.with_traceback(None))
