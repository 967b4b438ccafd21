# sys.getrefcount through closures, cells, iterators, generators of lists, exception variables and bound methods.
import sys

class Obj:
    pass

o = Obj()
print('plain', sys.getrefcount(o))

def make_closure():
    captured = Obj()
    def inner():
        return captured
    print('in cell, before return', sys.getrefcount(captured))
    return inner, captured

f, c = make_closure()
print('captured by closure', sys.getrefcount(c))
print('closure cell contents is c', f.__closure__[0].cell_contents is c)
del f
print('after closure dropped', sys.getrefcount(c))

lst = [Obj(), Obj()]
print('list itself', sys.getrefcount(lst))
it = iter(lst)
print('list with iterator', sys.getrefcount(lst))
for x in it:
    pass
print('list after iterator exhausted', sys.getrefcount(lst))
print('loop variable keeps last item', sys.getrefcount(lst[1]))
del x
print('after del loop variable', sys.getrefcount(lst[1]))

d = {'k': o}
print('in dict value', sys.getrefcount(o))
t = (o, o)
print('twice in tuple', sys.getrefcount(o))
del t, d

class Holder:
    def method(self):
        return sys.getrefcount(self)

h = Holder()
print('self inside method', h.method())
m = h.method
print('bound method holds self', sys.getrefcount(h))
del m
print('after bound method dropped', sys.getrefcount(h))

def raiser(obj):
    raise ValueError(obj)

try:
    raiser(o)
except ValueError as e:
    print('in exception args while handled', sys.getrefcount(o))
    err = e
print('exception kept in a name', sys.getrefcount(o))
del err
print('after exception dropped', sys.getrefcount(o))

def args_count(a, b):
    return sys.getrefcount(a), sys.getrefcount(b)

print('arguments inside call', args_count(o, Obj()))

class WithAttr:
    pass

w = WithAttr()
w.attr = o
print('as attribute', sys.getrefcount(o))
w.attr = None
print('attribute replaced', sys.getrefcount(o))

def outer():
    v = Obj()
    def middle():
        def innermost():
            return v
        return innermost
    return middle(), v

g, v = outer()
print('captured through two levels', sys.getrefcount(v))
