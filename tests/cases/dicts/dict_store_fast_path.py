# d[k] = v on an exact dict with an exact str or int key, and dict displays,
# take the direct path (CPython's STORE_SUBSCR_DICT and BUILD_MAP) when no
# Python code is needed to find the slot; keys with their own __eq__ met on
# the way, subclasses and other key types take the general one. The first
# key object is kept, the last value wins, and a replaced value is released
# before the key given.
d = {"a": 1, "a": 2, 1: "x", True: "y", 1.0: "z"}
print(d, len(d))
k1 = "".join(["k", "ey"])
k2 = "".join(["ke", "y"])
d = {}
d[k1] = 1
d[k2] = 2
print([k is k1 for k in d], d[k1])
d[10**20] = "big"
d[2**63 - 1] = "max"
d[-1] = "neg"
print(d)


class Collide:
    def __hash__(self):
        return hash(7)

    def __eq__(self, other):
        print("__eq__ called with", other)
        return other == 7


d = {Collide(): "c"}
d[7] = "seven"
print(len(d), d[7])


class D(dict):
    def __setitem__(self, k, v):
        print("D.__setitem__", k, v)
        super().__setitem__(k, v * 2)


e = D()
e["a"] = 5
print(e)


class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Key(str):
    pass


d = {"x": Loud("old")}
d["x"] = Loud("new")
print("replaced")
d = {}
try:
    d[[1]] = 2
except TypeError as e:
    print("TypeError:", e)
try:
    {[1]: 2}
except TypeError as e:
    print("TypeError:", e)
d = {Key("s"): 1}
d["s"] = 2
print(d, type(list(d)[0]).__name__)
import gc
gc.collect()
d = {"x": []}
print(gc.is_tracked(d), gc.is_tracked({"x": 1}))
d = {}
d["y"] = []
print(gc.is_tracked(d))
