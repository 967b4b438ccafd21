# PEP 562 module __getattr__, types.ModuleType(), sys.implementation, reversed() of bytes and dicts, int() of bytes
import sys, types
m = types.ModuleType("m", "the doc")
def ga(name):
    if name == "x":
        return 42
    raise AttributeError(f"module 'm' has no attribute '{name}'")
m.__getattr__ = ga
print(m.x, m.__name__, m.__doc__, m.__spec__, type(m).__name__)
try:
    m.y
except AttributeError as e:
    print("AttributeError", e)
impl = sys.implementation
print(type(impl).__name__, impl.version[:2] == sys.version_info[:2], impl.name != "micropython", impl is sys.implementation)
print(list(reversed(b"abc")), list(reversed(bytearray(b"xy"))), list(reversed({"a": 1, "b": 2, "c": 3})), list(reversed({})))
print(int(b"12", 10), int(b" 7 "), int(bytearray(b"ff"), 16), int(b"0x10", 0))
for bad in [lambda: int(b"x1"), lambda: int(b"9", 8), lambda: types.ModuleType(5)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
import platform
print(platform.python_version() == "%d.%d.%d" % sys.version_info[:3], platform.system(), len(platform.python_version_tuple()))
