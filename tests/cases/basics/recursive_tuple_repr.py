# A tuple that contains itself through a list shows as `(...)` where the
# recursion closes, as a list shows as `[...]`.
l = []
t = (l,)
l.append(t)
print(repr(t), repr(l), str(t))
d = {}
t2 = (1, d)
d["k"] = t2
print(t2, d)
nested = ((1, 2), (3, (4,)))
print(nested)
