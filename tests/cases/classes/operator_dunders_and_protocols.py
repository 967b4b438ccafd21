# Operator dunders (reflected, in-place, ternary pow), protocols, metaclass checks, attribute hooks.
class V:
    def __init__(self, v): self.v = v
    def __repr__(self): return f"V({self.v})"
    def __sub__(self, o): return V(self.v - o.v) if isinstance(o, V) else NotImplemented
    def __rsub__(self, o): return V(o - self.v)
    def __mul__(self, o): return V(self.v * o)
    __rmul__ = __mul__
    def __truediv__(self, o): return V(self.v / o)
    def __floordiv__(self, o): return V(self.v // o)
    def __mod__(self, o): return V(self.v % o)
    def __pow__(self, o, m=None): return V(pow(self.v, o, m))
    def __neg__(self): return V(-self.v)
    def __pos__(self): return self
    def __abs__(self): return V(abs(self.v))
    def __invert__(self): return V(~self.v)
    def __lshift__(self, o): return V(self.v << o)
    def __and__(self, o): return V(self.v & o)
    def __or__(self, o): return V(self.v | o)
    def __xor__(self, o): return V(self.v ^ o)
    def __matmul__(self, o): return "matmul"
    def __imul__(self, o): self.v *= o * 10; return self
    def __bool__(self): return self.v != 0
    def __len__(self): return 3
    def __contains__(self, x): return x == 1
    def __getitem__(self, i): 
        if i >= 3: raise IndexError
        return i * 10
    def __call__(self, *a): return ("called", a)
    def __format__(self, spec): return f"<{self.v}:{spec}>"
    def __int__(self): return self.v
    def __float__(self): return float(self.v)
    def __index__(self): return self.v
    def __hash__(self): return 7
    def __eq__(self, o): return isinstance(o, V) and o.v == self.v
    def __lt__(self, o): return self.v < o.v
    def __le__(self, o): return self.v <= o.v
print(V(5) - V(2), 10 - V(3), 3 * V(2), V(2) * 3, V(7) / 2, V(7) // 2, V(7) % 4, V(2) ** 3, pow(V(2), 3, 5))
print(-V(1), +V(1), abs(V(-3)), ~V(0), V(1) << 3, V(6) & 3, V(4) | 1, V(5) ^ 1, V(1) @ V(2))
v = V(2); v *= 3; print(v)
print(bool(V(0)), len(V(1)), 1 in V(0), 2 in V(0), list(V(0)), V(0)(1, 2), f"{V(3):>5}", format(V(1), "x"))
print(int(V(4)), float(V(4)), [10, 20, 30][V(1)], hex(V(255)), V(1) == V(1), V(1) != V(2), V(1) <= V(1), V(2) > V(1), sorted([V(3), V(1)]))
try:
    V(1) - "a"
except TypeError as e: print(e)
class Meta(type):
    def __instancecheck__(cls, obj): return obj == "magic"
    def __subclasscheck__(cls, sub): return sub is int
class Magic(metaclass=Meta): pass
print(isinstance("magic", Magic), isinstance(3, Magic), issubclass(int, Magic))
class GA:
    def __getattribute__(self, name):
        if name == "x": return "intercepted"
        return object.__getattribute__(self, name)
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)
    def __delattr__(self, name):
        print("deleting", name)
g = GA(); g.y = 5; print(g.x, g.y); del g.y
def deco(cls):
    cls.added = True
    return cls
@deco
class D: pass
print(D.added)
def loop_finally():
    out = []
    for i in range(3):
        try:
            if i == 1: continue
            out.append(i)
        finally:
            out.append("f")
    while True:
        try:
            break
        finally:
            out.append("b")
    return out
print(loop_finally())
e = ValueError("x").with_traceback(None); print(e.__traceback__)
try:
    try:
        raise KeyError("a")
    except KeyError as e:
        e.add_note("note 1")
        e.add_note("note 2")
        raise
except KeyError as e:
    print(e.__notes__)
class Ctx:
    def __init__(self, n): self.n = n
    def __enter__(self): print("enter", self.n); return self.n
    def __exit__(self, *a): print("exit", self.n)
with Ctx(1) as a, Ctx(2) as b:
    print(a, b)
print(type(NotImplemented).__name__, ... , Ellipsis)
