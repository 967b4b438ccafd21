# collections.defaultdict (__missing__, repr, copy) and OrderedDict (move_to_end, popitem, order-sensitive equality, repr)
from collections import defaultdict, OrderedDict

d = defaultdict(list)
d["a"].append(1)
d["b"]
print(d, isinstance(d, dict), d.default_factory)
print(defaultdict(None, {1: 2}), defaultdict())
n = defaultdict(int, x=3)
n["y"] += 1
print(n, n.copy(), type(n.copy()).__name__)
try:
    defaultdict()["k"]
except KeyError as e:
    print("KeyError", e)
try:
    defaultdict(1)
except TypeError as e:
    print(e)
print("z" in n, n.get("z"), sorted(n))

o = OrderedDict()
print(o)
o["a"] = 1
o["b"] = 2
o["c"] = 3
print(o)
o.move_to_end("a")
print(list(o))
o.move_to_end("a", last=False)
print(list(o), list(reversed(o)))
print(o.popitem(), o.popitem(last=False), o)
o2 = OrderedDict([("x", 1), ("y", 2)])
o3 = OrderedDict([("y", 2), ("x", 1)])
print(o2 == o3, o2 == dict(o3), dict(o2) == o3, o2 != o3)
print(OrderedDict.fromkeys("ab", 0), o2.copy())
for f in (lambda: OrderedDict().popitem(), lambda: o2.move_to_end("q")):
    try:
        f()
    except KeyError as e:
        print("KeyError", e)
