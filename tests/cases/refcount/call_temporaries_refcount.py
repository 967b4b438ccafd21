# Inside a call that CPython 3.11 makes through its C call machinery, the
# caller's stack and the machinery's temporaries (the args tuple of
# `type.__call__`, the kwargs dict, the unpacked copy for keywords) hold the
# arguments for the length of the call; a plain Python call moves them.
import sys

x = object()

def f(a):
    return sys.getrefcount(a)

def f_kw(a, b=None):
    return sys.getrefcount(a)

def star(*args):
    return sys.getrefcount(args[0])

def dstar(**kw):
    return sys.getrefcount(kw['a'])

class Plain:
    def __init__(self, a):
        print("Plain.__init__", sys.getrefcount(a))

class Keywords:
    def __init__(self, a=None, b=None):
        print("Keywords.__init__", sys.getrefcount(a))

class VarInit:
    def __init__(self, *args):
        print("VarInit.__init__", sys.getrefcount(args[0]))

class Callable:
    def __call__(self, a, b=None):
        return sys.getrefcount(a)

class WithNew:
    def __new__(cls, a, b=None):
        print("WithNew.__new__", sys.getrefcount(a))
        return object.__new__(cls)
    def __init__(self, a, b=None):
        print("WithNew.__init__", sys.getrefcount(a))

class Meta(type):
    def __call__(cls, a):
        print("Meta.__call__", sys.getrefcount(a))
        return super().__call__()

class WithMeta(metaclass=Meta):
    pass

print("baseline", sys.getrefcount(x))
print("f(x)", f(x))
print("f(a=x)", f(a=x))
print("f_kw(x, b=1)", f_kw(x, b=1))
print("star(x)", star(x))
print("dstar(a=x)", dstar(a=x))

# CALL_FUNCTION_EX: the tuple and the dict live for the call.
print("f(*[x])", f(*[x]))
print("f(*(x,))", f(*(x,)))
t = (x,)
print("f(*t)", f(*t))
del t
print("f(**{'a': x})", f(**{'a': x}))
print("star(*[x])", star(*[x]))
print("dstar(**{'a': x})", dstar(**{'a': x}))
print("f_kw(*[x], **{'b': 2})", f_kw(*[x], **{'b': 2}))

# Classes: type.__call__ packs the arguments.
Plain(x)
Plain(a=x)
Keywords(x)
Keywords(a=x)
Keywords(x, b=x)
VarInit(x)
Plain(*[x])
Keywords(**{'a': x})
WithMeta(x)
WithNew(x)
WithNew(x, b=1)
WithNew(*[x])
list(map(Plain, [x]))

# Instances with __call__.
c = Callable()
print("c(x)", c(x))
print("c(a=x)", c(a=x))
print("c(x, b=1)", c(x, b=1))
print("c(*[x])", c(*[x]))

# Bound methods are unpacked: the arguments move into the frame.
class M:
    def m(self, a):
        return sys.getrefcount(a)
obj = M()
print("obj.m(x)", obj.m(x))
bound = obj.m
print("bound(x)", bound(x))
print("M.m(obj, x)", M.m(obj, x))

# And the count of the instance itself inside __init__ and __call__.
class Self:
    def __init__(self):
        print("self in __init__", sys.getrefcount(self))
    def __call__(self):
        return sys.getrefcount(self)
s = Self()
print("self in __call__", s())
print("after", sys.getrefcount(x))
