# get_referents of an instance (attribute values, then its class), of a closure tuple (its cells) and of a cell.
import gc
gc.disable()
class Point:
    def __init__(self):
        self.xs = [1]
        self.label = 'p'
p = Point()
refs = gc.get_referents(p)
print([type(o).__name__ for o in refs], refs[0] is p.xs, refs[-1] is Point)
def outer():
    v = [5]
    def f():
        return v
    return f
f = outer()
cells = gc.get_referents(f.__closure__)
print([type(o).__name__ for o in cells], cells[0] is f.__closure__[0])
contents = gc.get_referents(f.__closure__[0])
print(len(contents), contents[0] is f())
