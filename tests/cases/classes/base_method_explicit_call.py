# Calling the base class's method explicitly as Base.method(self, ...).
class Shape:
    def __init__(self, name):
        self.name = name
        print('Shape.__init__', name)
    def area(self):
        return 0
    def info(self):
        return self.name + ' area=' + str(self.area())
class Rect(Shape):
    def __init__(self, w, h):
        Shape.__init__(self, 'rect')
        self.w = w
        self.h = h
    def area(self):
        return self.w * self.h
    def info(self):
        return '[' + Shape.info(self) + ']'
r = Rect(3, 4)
print(r.info())
print(Shape.info(r))
print(Shape.area(r), r.area())
