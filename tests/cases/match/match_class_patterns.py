# Class patterns: __match_args__, keyword sub-patterns, builtins matching themselves.
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return f"on the y axis at {y}"
        case Point(x, 0):
            return f"on the x axis at {x}"
        case Point(x=x, y=y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"

for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 7), "x"]:
    print(where(p))

class Circle:
    def __init__(self, r):
        self.r = r
match Circle(3):
    case Circle(r=radius):
        print("radius", radius)
try:
    match Circle(3):
        case Circle(3):
            pass
except TypeError as e:
    print(e)
try:
    match Point(1, 2):
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print(e)
class NS:
    three = 3
try:
    match 5:
        case NS.three():
            pass
except TypeError as e:
    print(e)
match 42:
    case str(s):
        print("str", s)
    case int(n):
        print("int", n)
match Point(1, 2):
    case Point(missing=1):
        print("never")
    case _:
        print("no attribute means no match")
class Sub(int):
    pass
match Sub(7):
    case int(v):
        print("subclass of int matches itself", v)
