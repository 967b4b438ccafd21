# A class with __init__, instance attributes and methods.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
    def dist2(self):
        return self.x * self.x + self.y * self.y
p = Point(3, 4)
print(p.x, p.y, p.dist2())
q = p.moved(1, -1)
print(q.x, q.y, p.x, p.y)
print(type(p), type(p) is Point, isinstance(q, Point))
