# collections.ChainMap (maps, new_child, parents, repr, errors) and UserDict/UserList/UserString basics
from collections import ChainMap, UserDict, UserList, UserString

base = {"a": 1, "b": 2}
cm = ChainMap({"b": 20}, base)
print(cm, cm["a"], cm["b"], len(cm), list(cm), "a" in cm, cm.get("q", 0))
child = cm.new_child({"c": 3})
print(child, child.parents, child.maps[0])
child["a"] = 100
print(child["a"], base["a"], dict(child))
print(cm.new_child(), ChainMap(), cm.copy())
for f in (lambda: ChainMap().pop(1), lambda: ChainMap({}, {1: 2}).__delitem__(1),
          lambda: ChainMap().popitem(), lambda: ChainMap()[3]):
    try:
        f()
    except KeyError as e:
        print("KeyError", e)

u = UserDict(a=1)
u["b"] = 2
print(u, len(u), u.data, "a" in u, u.get("z", 9), list(u.items()), isinstance(u, dict))
del u["a"]
print(u, u.copy(), u.pop("b"), u)
l = UserList([3, 1, 2])
l.append(0)
l.sort()
print(l, l[1:], type(l[1:]).__name__, l + [9], len(l), l == [0, 1, 2, 3], l.pop(), l)
s = UserString("hello")
print(s, repr(s), s.upper(), type(s.upper()).__name__, s + "!", len(s), s[1:3], "ell" in s, s == "hello")
