# super() in both forms, descriptors, properties, __init_subclass__, __set_name__, class getitem.
class Base:
    def __init_subclass__(cls, /, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
    def hello(self): return "base"
class Child(Base, tag="child"):
    def hello(self): return "child>" + super().hello() + ">" + super(Child, self).hello()
print(Child.tag, Child().hello())
class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None: return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, int): raise TypeError(f"{self.name[1:]} must be int")
        setattr(obj, self.name, value)
    def __delete__(self, obj):
        print("deleting", self.name)
class Model:
    n = Typed()
m = Model(); m.n = 4; print(m.n, Model.n.name)
try:
    m.n = "x"
except TypeError as e: print(e)
del m.n
class P:
    def __init__(self): self._v = 0
    @property
    def v(self): 
        "the v"
        return self._v
    @v.setter
    def v(self, x): self._v = x
    @v.deleter
    def v(self): print("del v")
p = P(); p.v = 3; print(p.v, P.v.__doc__); del p.v
try:
    P().missing
except AttributeError as e: print(e)
class RO:
    @property
    def x(self): return 1
try:
    RO().x = 2
except AttributeError as e: print(e)
class Cls:
    count = 0
    @classmethod
    def make(cls): cls.count += 1; return cls()
    @staticmethod
    def util(a, b): return a + b
class Sub(Cls): pass
Sub.make(); Sub.make(); print(Cls.count, Sub.count, Sub.util(1, 2))
class Seq:
    def __class_getitem__(cls, item): return f"{cls.__name__}[{item.__name__}]"
print(Seq[int])
class Diamond1:
    def who(self): return ["D1"]
class L(Diamond1):
    def who(self): return ["L"] + super().who()
class R(Diamond1):
    def who(self): return ["R"] + super().who()
class Bottom(L, R):
    def who(self): return ["B"] + super().who()
print(Bottom().who(), [c.__name__ for c in Bottom.mro()])
try:
    class X(L, Bottom): pass
except TypeError as e: print(e)
class WithRepr:
    def __repr__(self): return "R!"
    def __str__(self): return "S!"
print(WithRepr(), repr(WithRepr()), f"{WithRepr()!r} {WithRepr()}", str([WithRepr()]))
