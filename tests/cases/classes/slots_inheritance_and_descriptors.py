# Slots across inheritance: each class adds its own member descriptors.
class A:
    __slots__ = ("a",)
class B(A):
    __slots__ = ("b",)
class C(B):
    __slots__ = ()
c = C()
c.a, c.b = 1, 2
print(c.a, c.b, [k for k in ("a", "b") if k in A.__dict__ or k in B.__dict__])
print(type(B.__dict__["b"]).__name__, repr(A.__dict__["a"]))
try:
    c.c = 3
except AttributeError as e:
    print(e)
print(hasattr(c, "__dict__"), C.__slots__)
class D:
    __slots__ = ["x"]
    def __init__(self):
        self.x = [1]
d = D()
d.x.append(2)
print(d.x, D.x.__get__(d, D))
D.x.__set__(d, "direct")
print(d.x)
