# proxy() of a callable object is a CallableProxyType that can be called; ProxyTypes lists both proxy types.
import weakref
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, v):
        return v + self.n
class Plain:
    pass
a = Adder(1)
pa = weakref.proxy(a)
pp = weakref.proxy(Plain())
print(type(pa).__name__, pa(41), pa.n, callable(pa), callable(pp))
print(weakref.ProxyTypes == (weakref.ProxyType, weakref.CallableProxyType))
print(type(pp).__name__)
del a
try:
    pa(1)
except ReferenceError as e:
    print(type(e).__name__, e)
