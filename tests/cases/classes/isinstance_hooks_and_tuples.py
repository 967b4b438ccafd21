# isinstance/issubclass with (nested) tuples, metaclass __instancecheck__/__subclasscheck__, and type errors.
class A: pass
class B(A): pass
class C: pass
print(isinstance(B(), (C, A)), isinstance(C(), (A, (B, (C,)))), isinstance(1, ()))
print(issubclass(B, (C, (A,))), issubclass(bool, (str, int)), issubclass(A, A))

class DuckMeta(type):
    def __instancecheck__(cls, obj):
        print("  instancecheck", cls.__name__, type(obj).__name__)
        return hasattr(obj, "quack")
    def __subclasscheck__(cls, sub):
        print("  subclasscheck", cls.__name__, sub.__name__)
        return hasattr(sub, "quack")
class Duck(metaclass=DuckMeta): pass
class Mallard:
    def quack(self): return "quack"
print(isinstance(Mallard(), Duck), isinstance(5, Duck))
print(issubclass(Mallard, Duck), issubclass(int, (str, Duck)))
print(isinstance(Duck(), Duck))

for args in ((1, 5), (1, (int, 5))):
    try:
        isinstance(*args)
    except TypeError as e:
        print("TypeError:", e)
for args in ((1, int), (int, 1)):
    try:
        issubclass(*args)
    except TypeError as e:
        print("TypeError:", e)
