# tuple.__new__/int.__new__/Exception.__new__ called from a subclass's own __new__ take the base's arguments
class Pair(tuple):
    __slots__ = ()
    def __new__(cls, a, b):
        return tuple.__new__(cls, (a, b))
p = Pair(1, 2)
print(p, type(p).__name__, p == (1, 2), len(p))
class Doubled(int):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)
print(Doubled(4), type(Doubled(4)).__name__)
class E(Exception):
    def __new__(cls, *a):
        return Exception.__new__(cls, *a)
print(repr(E(1, 2)))
print(tuple.__new__(tuple, [1, 2]), int.__new__(int, "5"), str.__new__(str, 3))
