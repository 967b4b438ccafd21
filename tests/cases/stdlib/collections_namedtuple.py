# collections.namedtuple: fields, defaults, rename, module, _make/_asdict/_replace, repr, tuple behaviour, errors
from collections import namedtuple


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p.y, p[0], len(p), p == (1, 2), isinstance(p, tuple))
x, y = p
print(x + y, p._fields, Point._field_defaults, Point.__name__, Point.__module__)
print(p._asdict(), p._replace(y=5), Point._make([3, 4]), p + (3,), hash(p) == hash((1, 2)))
print(Point.__doc__, Point.__new__.__doc__, Point.x.__doc__)
P3 = namedtuple("P3", ["a", "b", "c"], defaults=[5, 6])
print(P3(1), P3(1, 2, 3), P3._field_defaults)
print(namedtuple("R", "a, def, a, _b", rename=True)._fields)
print(namedtuple("M", "q", module="mymod").__module__, repr(namedtuple("One", "v")(1)))
print(type(p).__mro__)

attempt(lambda: namedtuple("P", "x def"))
attempt(lambda: namedtuple("P", "x _y"))
attempt(lambda: namedtuple("P", "x x"))
attempt(lambda: namedtuple("P", "x 1y"))
attempt(lambda: namedtuple("1P", "x"))
attempt(lambda: namedtuple("P", "x", defaults=[1, 2]))
attempt(lambda: Point())
attempt(lambda: Point(1))
attempt(lambda: P3())
attempt(lambda: Point(1, 2, 3))
attempt(lambda: Point(1, z=3))
attempt(lambda: Point(1, x=3))
attempt(lambda: Point._make([1]))
attempt(lambda: p._replace(z=3))
attempt(lambda: setattr(p, "x", 5))
