# Function attributes: __name__, __qualname__, __defaults__, __kwdefaults__, __doc__, __module__, custom attrs.
def plain(a, b=2, *args, c, d=4, **kw):
    """Plain docstring."""
    return a
class Outer:
    def method(self):
        def local():
            pass
        return local
    class Inner:
        def deep(self): pass
def factory():
    def made(): pass
    return made
for fn in (plain, Outer.method, Outer().method(), Outer.Inner.deep, factory(), lambda: 0):
    print(fn.__name__, fn.__qualname__)
print(plain.__defaults__, plain.__kwdefaults__, plain.__doc__, plain.__module__)
def nodefs(x): pass
print(nodefs.__defaults__, nodefs.__kwdefaults__, nodefs.__doc__)
plain.__defaults__ = (20,)
print(plain(1, c=3) == 1, plain.__defaults__)
def show(a, b=2):
    return a, b
show.__defaults__ = (99,)
print(show(1))
show.__defaults__ = None
try:
    show(1)
except TypeError as e:
    print("TypeError:", e)
show.__name__ = "renamed"
show.custom = [1]
print(show.__name__, show.custom, sorted(show.__dict__))
