# Attribute lookups that the interpreter caches per code object must see
# every change: class attributes replaced, methods shadowed by instance
# attributes, descriptors added later, __class__ reassigned, __dict__
# materialised, module globals rebound, slots, polymorphic call sites.
import math


class A:
    kind = "A"

    def __init__(self, x):
        self.x = x

    def m(self):
        return "A.m"


class B:
    kind = "B"
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x

    def m(self):
        return "B.m"


def read(objs):
    out = []
    for o in objs:
        out.append((o.x, o.kind, o.m()))
    return out


objs = [A(1), B(2), A(3), B(4)]
print(read(objs))

# A class attribute replaced, then a method replaced.
A.kind = "A2"
A.m = lambda self: "A.m2"
print(read(objs))

# An instance attribute shadows the method and the class value.
objs[0].m = lambda: "instance m"
objs[0].kind = "instance kind"
print(read(objs))
del objs[0].m
del objs[0].kind
print(read(objs))


# A data descriptor added to the class later wins over the instance value.
def getx(self):
    return "property x"


A.x = property(getx, lambda self, v: None)
print(read(objs))
del A.x
print(read(objs))

# __class__ reassigned between reads.
class C:
    kind = "C"

    def __init__(self):
        self.x = "c"

    def m(self):
        return "C.m"


c = C()
print(read([c, c]))
c.__class__ = A
print(read([c]))

# __dict__ materialised, then written through.
a = A(10)
print(read([a]))
d = a.__dict__
d["x"] = 11
print(read([a]))
d["m"] = lambda: "from dict"
print(read([a]))


# __getattr__ and __getattribute__ added after a site was warmed.
class D:
    def __init__(self):
        self.x = 1


def getx2(o):
    return o.x


dd = D()
print(getx2(dd), getx2(dd))
del dd.x
D.__getattr__ = lambda self, name: "fallback " + name
print(getx2(dd))
D.__getattribute__ = lambda self, name: "always " + name
print(getx2(dd))


# Stores: slots, appends, and a __setattr__ added later.
class E:
    def __init__(self, v):
        self.a = v
        self.b = v + 1


es = [E(i) for i in range(3)]
print([(e.a, e.b, list(vars(e))) for e in es])


def setall(objs, v):
    for o in objs:
        o.a = v


setall(es, 7)
print([e.a for e in es])
E.__setattr__ = lambda self, n, v: object.__setattr__(self, n, v * 100)
setall(es, 2)
print([e.a for e in es])
del E.__setattr__
setall(es, 3)
print([e.a for e in es])

bs = [B(1), B(2)]
for b in bs:
    b.y = b.x * 10
print([(b.x, b.y) for b in bs])
try:
    bs[0].z = 1
except AttributeError as e:
    print("AttributeError", e)
del bs[0].y
try:
    print(bs[0].y)
except AttributeError as e:
    print("AttributeError", e)


# Module attributes: rebinding and deleting globals of a module.
def mod_read():
    return math.pi


print(mod_read())
saved = math.pi
math.pi = 3
print(mod_read())
del math.pi
try:
    mod_read()
except AttributeError as e:
    print("AttributeError", e)
math.pi = saved
print(mod_read())

# Methods of builtin types through a warmed site.
def lengths(xs):
    return [x.count(1) for x in xs]


print(lengths([[1, 1], (1, 2, 1), [3]]))
