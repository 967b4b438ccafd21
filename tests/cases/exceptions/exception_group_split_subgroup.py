# ExceptionGroup.split/subgroup with types and predicates, derive() in a subclass, and construction errors.
class MyGroup(ExceptionGroup):
    def derive(self, excs):
        g = MyGroup(self.message.upper(), excs)
        return g
eg = MyGroup("mine", [ValueError("a"), TypeError("b"), ExceptionGroup("in", [ValueError("c"), KeyError("d")])])
match, rest = eg.split(ValueError)
print(repr(match))
print(repr(rest))
print(repr(eg.subgroup(lambda e: isinstance(e, KeyError))))
print(eg.subgroup(lambda e: False))
print(eg.subgroup(lambda e: e is eg) is eg)
m, r = eg.split((TypeError, KeyError))
print(type(m).__name__, type(r).__name__, repr(r))
plain = ExceptionGroup("p", [ValueError(1)])
print(plain.split(ValueError)[0] is plain, plain.split(ValueError)[1])
bg = BaseExceptionGroup("b", [ValueError(1)])
print(type(bg).__name__)
bg2 = BaseExceptionGroup("b", [KeyboardInterrupt()])
print(type(bg2).__name__, isinstance(bg2, Exception))
for args in (("m", []), ("m", [1]), (1, [ValueError()]), ("m", ValueError())):
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    ExceptionGroup("m", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError:", e)
