# Calling a class again after its namespace (or a base's) changed: a new
# __init__, a __new__ added, an __init__ deleted so a base's is
# found, a base's __init__ replaced. Each call must see the change.
class Base:
    def __init__(self, x):
        self.x = ("base", x)


class C(Base):
    def __init__(self, x):
        self.x = ("C", x)


def show(o):
    print(type(o).__name__, getattr(o, "x", None), getattr(o, "tag", None))


for i in range(3):
    show(C(i))


def init2(self, x):
    self.x = ("init2", x)


C.__init__ = init2
show(C(1))

del C.__init__
show(C(2))

Base.__init__ = lambda self, x: setattr(self, "x", ("lambda", x))
show(C(3))


def new(cls, x):
    o = object.__new__(cls)
    o.tag = "new"
    return o


C.__new__ = new
show(C(4))
C.__new__ = staticmethod(lambda cls, x: 42)
print(C(6))


class Meta(type):
    def __call__(cls, *args, **kw):
        print("Meta.__call__", args, kw)
        return super().__call__(*args, **kw)


class D(metaclass=Meta):
    def __init__(self, a, b=2):
        self.x = (a, b)


show(D(1))
show(D(1, b=3))


class E:
    def __init__(self, *args):
        self.x = args


show(E(1, 2, 3))
E.__init__ = lambda self: setattr(self, "x", "none")
show(E())
try:
    E(1)
except TypeError as e:
    print(e)


class F:
    def __init__(self):
        return 5


for _ in range(2):
    try:
        F()
    except TypeError as e:
        print(e)


class G:
    def __init__(self, a, b=10, *, c=20):
        self.x = (a, b, c)


class H:
    pass


class NS:
    pass


ns = NS()
ns.G = G
# Called as an attribute (a method call with no self), with defaults.
for args in [(1,), (1, 2)]:
    show(ns.G(*args))
    show(ns.G(args[0]))
show(G(1, c=3))
show(H())
try:
    H(1)
except TypeError as e:
    print(e)
try:
    G()
except TypeError as e:
    print(e)
