# __slots__: only the named attributes exist; no __dict__; member descriptors on the class.
import weakref

class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Point(1, 2)
print(p.x, p.y, hasattr(p, "__dict__"))
try:
    p.z = 3
except AttributeError as e:
    print(e)
p.x = 10
del p.y
try:
    p.y
except AttributeError as e:
    print(e)
try:
    del p.y
except AttributeError as e:
    print(e)
print(Point.x, type(Point.x).__name__)
print(Point.__slots__)
try:
    vars(p)
except TypeError as e:
    print(e)
try:
    weakref.ref(p)
except TypeError as e:
    print(e)

class Weak:
    __slots__ = ("a", "__weakref__")
w = Weak()
r = weakref.ref(w)
print(r() is w)

class WithDict:
    __slots__ = ("a", "__dict__")
d = WithDict()
d.a = 1
d.other = 2
print(d.a, d.other, hasattr(d, "__dict__"))

class Child(Point):
    pass
c = Child(1, 2)
c.extra = "fine"
print(c.x, c.extra)

class SlottedChild(Point):
    __slots__ = ("z",)
s = SlottedChild(1, 2)
s.z = 3
print(s.x, s.y, s.z)
try:
    s.w = 4
except AttributeError as e:
    print(e)

class Single:
    __slots__ = "only"
o = Single()
o.only = 1
print(o.only)

try:
    class Conflict:
        __slots__ = ("v",)
        v = 1
except ValueError as e:
    print(e)
try:
    class BadItem:
        __slots__ = (1,)
except TypeError as e:
    print(e)

class Private:
    __slots__ = ("__secret",)
    def __init__(self):
        self.__secret = 42
    def reveal(self):
        return self.__secret
print(Private().reveal(), hasattr(Private, "_Private__secret"))
