# Starred targets in for loops and assignments: head/tail splits, nested targets, errors.
rows = [(1, 2, 3, 4), (5, 6), ("a", "b", "c")]
for first, *middle, last in rows:
    print(first, middle, last)
for (a, b), *rest in [((1, 2), 3, 4), ("xy", "z")]:
    print(a, b, rest)
*init, tail = "hello"
print(init, tail)
head, *others = range(4)
print(head, others, type(others).__name__)
for i, (k, *vs) in enumerate([["x", 1, 2], ["y"]]):
    print(i, k, vs)
[p, *q], r = [1, 2, 3], 4
print(p, q, r)
try:
    for a, *b, c in [(1,)]:
        pass
except ValueError as e:
    print("ValueError:", e)
try:
    x, y, *z = [1]
except ValueError as e:
    print("ValueError:", e)
d = {"k1": (1, 2, 3), "k2": (4,)}
for key, (v0, *vr) in d.items():
    print(key, v0, vr)
obj = type("O", (), {})()
for obj.attr, *obj.rest in [(1, 2, 3)]:
    pass
print(obj.attr, obj.rest)
