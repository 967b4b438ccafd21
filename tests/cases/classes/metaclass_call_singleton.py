# A metaclass __call__ that caches instances (singleton) and one that validates arguments before __init__.
class Singleton(type):
    _inst = {}
    def __call__(cls, *a, **kw):
        if cls not in cls._inst:
            print("creating", cls.__name__)
            cls._inst[cls] = super().__call__(*a, **kw)
        return cls._inst[cls]
class Config(metaclass=Singleton):
    def __init__(self, name="default"):
        print("Config.__init__", name)
        self.name = name
class Other(metaclass=Singleton):
    pass
a = Config("first")
b = Config("second")
print(a is b, b.name, Other() is Other(), Other() is a)
class Checked(type):
    def __call__(cls, *args):
        if len(args) != cls.arity:
            raise TypeError("%s expects %d args, got %d" % (cls.__name__, cls.arity, len(args)))
        return super().__call__(*args)
class Pair(metaclass=Checked):
    arity = 2
    def __init__(self, a, b):
        self.items = (a, b)
print(Pair(1, 2).items)
try:
    Pair(1)
except TypeError as e:
    print("TypeError:", e)
print(type(Pair) is Checked, type(Checked) is type, isinstance(Pair(3, 4), Pair))
