# Range slices keep the slice's own stop; key/item views are unhashable; super() has CPython's repr.
print(range(4)[1::2], range(4)[1:-2:2], range(10)[::-3], range(0, 10, 3)[1:])
print(range(5)[10:], range(5)[-10:2], range(10, 0, -2)[1:3], list(range(10)[::-3]))
for v in ({}.keys(), {}.items()):
    try:
        hash(v)
    except TypeError as e:
        print("TypeError:", e)
print(type(hash({}.values())).__name__)
class A:
    def show(self):
        return repr(super())
print(A().show())
