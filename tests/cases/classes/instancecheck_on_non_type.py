# isinstance/issubclass accept any object whose class defines __instancecheck__/__subclasscheck__ (as typing's aliases do)
class Checker:
    def __init__(self, ok):
        self.ok = ok
    def __instancecheck__(self, obj):
        print("instancecheck", obj)
        return self.ok
    def __subclasscheck__(self, cls):
        print("subclasscheck", cls.__name__)
        return not self.ok
print(isinstance(3, Checker(True)), isinstance(3, Checker(False)))
print(issubclass(int, Checker(True)), isinstance(3, (str, Checker(True))))
class Raiser:
    def __subclasscheck__(self, cls):
        raise TypeError("no subclass checks")
try:
    issubclass(1, Raiser())
except TypeError as e:
    print("TypeError", e)
for bad in [lambda: isinstance(3, object()), lambda: issubclass(int, object()), lambda: issubclass(1, int)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
