# del on names, subscripts, slices, attributes and tuples of targets, with the resulting errors.
x = 1
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
lst = list(range(10))
del lst[0]
del lst[-1]
del lst[::2]
print(lst)
del lst[1:3]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["a"], d["c"]
print(d)
try:
    del d["zzz"]
except KeyError as e:
    print("KeyError:", e)
class O:
    pass
o = O()
o.attr = 5
o.keep = 6
del o.attr
print(hasattr(o, "attr"), o.keep)
try:
    del o.attr
except AttributeError as e:
    print("AttributeError:", e)
a, b = 1, 2
del (a, b)
print("a" in globals(), "b" in globals())
def f():
    y = 1
    del y
    try:
        return y
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(f())
