# A method load cached at a call site must see an instance attribute of the
# same name that appears later, however it was set: a plain store, setattr
# with a name built at run time, or a store in a loop whose cache appends.
class Shape:
    def area(self):
        return "method area"

    def grow(self):
        return "method grow"


def call_all(shapes):
    return [s.area() for s in shapes]


shapes = [Shape() for _ in range(4)]
for _ in range(3):
    print(call_all(shapes))

setattr(shapes[1], "".join(["ar", "ea"]), lambda: "setattr area")
print(call_all(shapes))

for s in shapes:
    s.grow = lambda: "stored grow"
print([s.grow() for s in shapes])

del shapes[1].area
print(call_all(shapes))
print([type(s).grow(s) for s in shapes])
