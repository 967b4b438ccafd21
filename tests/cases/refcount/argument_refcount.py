# Inside a callee, a passed object is referenced by the caller's name and the parameter.
import sys
def inspect(arg):
    return sys.getrefcount(arg)
def inspect_with_local(arg):
    local = arg
    return sys.getrefcount(arg)
def two_params(a, b):
    return sys.getrefcount(a)
o = object()
print(sys.getrefcount(o))
print(inspect(o))
print(inspect_with_local(o))
print(two_params(o, o))
print(sys.getrefcount(o))
