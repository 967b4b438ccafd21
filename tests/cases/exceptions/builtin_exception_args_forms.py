# args, str() and repr() of builtin exceptions constructed with zero, one and two arguments.
classes = [Exception, ValueError, KeyError, IndexError, StopIteration, AttributeError, NameError]
for cls in classes:
    for args in ((), ("msg",), ("a", 2)):
        e = cls(*args)
        print(cls.__name__, e.args, repr(str(e)), repr(e))
print(repr(KeyError("quoted 'key'")), str(KeyError(0)), str(KeyError(None)))
e = ValueError(1, [2])
e.args = ("changed",)
print(e, repr(e))
print(StopIteration(5).value, StopIteration().value, StopIteration(1, 2).value)
print(repr(Exception(None)), str(Exception(None)), repr(str(Exception(""))))
print(SystemExit(3).code, SystemExit().code, SystemExit(1, 2).code)
