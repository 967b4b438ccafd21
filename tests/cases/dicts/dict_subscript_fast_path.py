# d[key] for exact dicts with str and int keys takes a fast lookup (CPython's BINARY_SUBSCR_DICT); everything it cannot decide alone must behave as before: misses raise KeyError, subclasses get __missing__, equal keys of other types match, keys whose __eq__ is Python code are asked, and refcounts stay exact
import sys

d = {"a": 1, "b": 2, 7: "seven", 2**70: "big", (1, 2): "pair"}
name = "".join(["a"])
print(d["a"], d[name], d["b"], d[7], d[7.0], d[2**70], d[(1, 2)])
print(d[True] if True in d else "no True")
e = {1: "one", 1.5: "x"}
print(e[True], e[1], e[1.0], e[1.5])
try:
    d["missing"]
except KeyError as exc:
    print("KeyError", exc.args)
try:
    d[8]
except KeyError as exc:
    print("KeyError", exc.args)
try:
    d[[1]]
except TypeError as exc:
    print("TypeError", exc)


class Missing(dict):
    def __missing__(self, key):
        return "missing " + repr(key)


m = Missing(a=1)
print(m["a"], m["zz"], m[3])


class Key(str):
    def __hash__(self):
        return hash(str(self))

    def __eq__(self, other):
        print("Key.__eq__", str(self), other)
        return str(self) == other


k = Key("a")
print(d[k])
f = {k: "from Key"}
print(f["a"])


class Int(int):
    pass


print(d[Int(7)])
v = object()
g = {"vvw": v, 5: v}
before = sys.getrefcount(v)
x = g["vvw"]
y = g[5]
print(sys.getrefcount(v) - before)
del x, y
print(sys.getrefcount(v) - before)
s = "".join(["vv", "w"])
print(sys.getrefcount(s))
g[s]
print(sys.getrefcount(s))
