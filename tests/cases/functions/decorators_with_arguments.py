# Decorator factories with arguments, stacking order, and preserving attributes by hand.
def repeat(times):
    print("repeat factory", times)
    def deco(fn):
        print("repeat decorating", fn.__name__)
        def inner(*args):
            return [fn(*args) for _ in range(times)]
        inner.__name__ = fn.__name__
        inner.__doc__ = fn.__doc__
        inner.__wrapped__ = fn
        return inner
    return deco

def tag(label):
    def deco(fn):
        print("tag decorating", fn.__name__, "with", label)
        def inner(*args):
            return label + ":" + str(fn(*args))
        inner.__name__ = fn.__name__
        return inner
    return deco

@tag("outer")
@repeat(2)
def square(x):
    "Square a number."
    return x * x

print(square(3))
print(square.__name__)
@repeat(times=3)
def hello():
    "Say hi."
    return "hi"
print(hello(), hello.__doc__, hello.__wrapped__())
def choose(flag):
    return (lambda f: f) if flag else (lambda f: lambda: "replaced")
@choose(False)
def original():
    return "original"
print(original())
