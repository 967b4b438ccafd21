# Class patterns: __match_args__ positional matching, keyword attributes, nesting, and errors for too many args.
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
class Circle:
    __match_args__ = ("center", "radius")
    def __init__(self, center, radius):
        self.center, self.radius = center, radius
class Rect:
    def __init__(self, a, b):
        self.a, self.b = a, b
def area_desc(shape):
    match shape:
        case Circle(Point(0, 0), r):
            return "origin circle r=%s" % r
        case Circle(Point(x=x, y=y), radius=r) if r > 10:
            return "big circle at %s,%s" % (x, y)
        case Circle(center=Point(x, _)):
            return "circle with x=%s" % x
        case Rect(a=Point(x=0) as corner, b=b):
            return "rect from y-axis %s to %s,%s" % (corner.y, b.x, b.y)
        case Point(x, y) if x == y:
            return "diagonal point %s" % x
        case Point():
            return "some point"
        case _:
            return "unknown"
shapes = [Circle(Point(0, 0), 2), Circle(Point(1, 2), 20), Circle(Point(5, 5), 1),
          Rect(Point(0, 3), Point(4, 5)), Point(7, 7), Point(1, 2), "str"]
for s in shapes:
    print(area_desc(s))
try:
    match Rect(1, 2):
        case Rect(1, 2):
            print("matched?")
except TypeError as e:
    print("TypeError:", e)
