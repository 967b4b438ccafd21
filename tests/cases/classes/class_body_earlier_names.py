# Class bodies see earlier names in the body, but methods and nested scopes do not.
x = "global x"
class C:
    x = "class x"
    y = x + "!"
    items = [1, 2, 3]
    total = sum(items)
    doubled = [i * 2 for i in items]
    def method(self):
        return x
    z = method
    names = [n for n in ("a", "b")]
    del names
print(C.y, C.total, C.doubled)
print(C().method())
print(C.z is C.__dict__["method"])
print(hasattr(C, "names"))

class D:
    a = 1
    try:
        b = [a + i for i in range(2)]
    except NameError as e:
        b = "NameError: " + str(e)
print(D.b)

v = "global v"
def make():
    v = "enclosing"
    u = "enclosing u"
    class E:
        w = v
        v = "shadow"
        seen_u = u
        def get(self):
            return v
    return E
E = make()
print(E.w, "|", E.v, "|", E.seen_u, "|", E().get())
