# ExceptionGroup construction rules, str/repr, split, subgroup and derive.
eg = ExceptionGroup("many", [ValueError(1), TypeError("t"), ExceptionGroup("sub", [ValueError(2)])])
print(str(eg), repr(eg))
print(eg.message, eg.exceptions, eg.args[0])
print(isinstance(eg, Exception), isinstance(eg, BaseExceptionGroup), ExceptionGroup.__mro__)
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(eg.split(OSError))
print(repr(eg.subgroup(lambda e: isinstance(e, ValueError) and e.args[0] == 2)))
print(eg.subgroup(KeyError))
print(eg.subgroup(ExceptionGroup) is eg)
print(type(BaseExceptionGroup("x", [ValueError()])).__name__)
print(type(BaseExceptionGroup("x", [KeyboardInterrupt()])).__name__)
for args in [("m", []), ("m", [1]), (1, [ValueError()]), ("m", ValueError())]:
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    ExceptionGroup("m", [KeyboardInterrupt()])
except TypeError as e:
    print(e)
d = eg.derive([KeyError("k")])
print(repr(d), d.__traceback__)
try:
    raise eg
except ExceptionGroup as caught:
    m, r = caught.split(TypeError)
    print(m.__traceback__ is caught.__traceback__, r.__traceback__ is caught.__traceback__)
class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message + "!", excs)
m, r = MyEG("mine", [ValueError(1), TypeError(2)]).split(ValueError)
print(type(m).__name__, m.message, r.message)
print(len(ExceptionGroup("one", [ValueError()]).__str__()))
