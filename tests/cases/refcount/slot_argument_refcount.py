# Operators and builtins that call Python methods pass their operands
# borrowed: inside the method, the caller's references plus the method's
# own parameter count, as in CPython 3.11.
import sys

x = object()

def show(tag, v):
    # show's parameter and getrefcount's argument add 2.
    print(tag, sys.getrefcount(v) - 2)

class A:
    def __eq__(self, o):
        show("__eq__", o)
        return True
    def __lt__(self, o):
        show("__lt__", o)
        return False
    def __add__(self, o):
        show("__add__", o)
        return 1
    def __radd__(self, o):
        show("__radd__", o)
        return 1
    def __getitem__(self, k):
        show("__getitem__", k)
        return 1
    def __setitem__(self, k, v):
        show("__setitem__ value", v)
    def __delitem__(self, k):
        show("__delitem__", k)
    def __contains__(self, k):
        show("__contains__", k)
        return True
    def __setattr__(self, n, v):
        show("__setattr__", v)
    def __hash__(self):
        return 1

a = A()
show("baseline", x)
a == x
a < x
a + x
[] + a if False else None
a[x]
a[0] = x
del a[x]
x in a
a.attr = x
setattr(a, "attr", x)

list(map(lambda v: show("map", v), [x]))
list(filter(lambda v: show("filter", v), [x]))
min([x], key=lambda v: show("min key", v) or 0)
max(x, x, key=lambda v: show("max key", v) or 0)
sorted([x], key=lambda v: show("sorted key", v) or 0)
max(*[x, x], key=lambda v: show("max(*seq) key", v) or 0)
min(*(x, x), key=lambda v: show("min(*tuple) key", v) or 0)

class P:
    @property
    def prop(self):
        show("property self", self)
        return 1
p = P()
p.prop
show("after", x)
