# ExceptionGroup misuse gives CPython's errors.
for args in [(), ("only message",), ("m", [ValueError()], "extra")]:
    try:
        ExceptionGroup(*args)
    except TypeError as e:
        print(e)
eg = ExceptionGroup("x", [ValueError(1)])
for bad in [42, "str", [ValueError]]:
    try:
        eg.split(bad)
    except TypeError as e:
        print(e)
print(eg.split(lambda e: True)[0] is eg)
print(eg.subgroup(lambda e: False))
class E(BaseExceptionGroup):
    pass
print(type(E("m", [KeyboardInterrupt()])).__name__)
