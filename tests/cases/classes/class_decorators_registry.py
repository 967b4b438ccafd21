# Class decorators: registration, adding methods, replacing the class, stacking order.
registry = {}
def register(name):
    def deco(cls):
        print("registering", cls.__name__, "as", name)
        registry[name] = cls
        return cls
    return deco

def add_greet(cls):
    print("add_greet on", cls.__name__)
    def greet(self):
        return "hello from " + type(self).__name__
    cls.greet = greet
    return cls

def replace(cls):
    print("replace", cls.__name__)
    class Wrapper(cls):
        wrapped = True
    Wrapper.__name__ = cls.__name__ + "Wrapped"
    return Wrapper

@register("thing")
@add_greet
class Thing:
    pass

@replace
@register("other")
class Other:
    pass

print(sorted(registry))
print(registry["thing"] is Thing, Thing().greet())
print(Other.__name__, Other.wrapped, registry["other"] is Other)
print(isinstance(Other(), registry["other"]))
print([k.__name__ for k in Other.__mro__])
