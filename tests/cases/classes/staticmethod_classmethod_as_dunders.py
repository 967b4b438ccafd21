# Operator dunders defined as staticmethod or classmethod are bound as descriptors.
class Calc:
    @staticmethod
    def __sub__(a, b):
        return ("sub", type(a).__name__, b)
    @classmethod
    def __add__(cls, other):
        return ("add", cls.__name__, other)
    @staticmethod
    def __len__():
        return 0
c = Calc()
print(c - 1, c + 2)
try:
    len(c)
except TypeError as e:
    print("TypeError:", e)
class Sub(Calc):
    pass
print(Sub() + 3)
