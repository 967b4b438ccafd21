# __set_name__ is called for each descriptor attribute, in definition order, with the owner and name.
class Field:
    def __init__(self, default):
        self.default = default
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
        self.key = "_f_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.key, self.default)
    def __set__(self, obj, value):
        obj.__dict__[self.key] = value

class Point:
    x = Field(0)
    y = Field(0)
    label = Field("pt")
    def __repr__(self):
        return "Point(%r, %r, %r)" % (self.x, self.y, self.label)

p = Point()
print(p)
p.x = 3; p.label = "A"
print(p, sorted(p.__dict__))
print(Point.x.name, Point.y.key, Point.label.default)

shared = Field(9)
class Late:
    pass
Late.attr = shared
print(hasattr(shared, "name"))
class Twice:
    a = shared
    b = shared
print(shared.name)
