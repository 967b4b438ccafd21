# A list of leaves releases its items last to first (list_dealloc), a dict of leaves each key then its value in insertion order (dict_dealloc); the float free list (last freed, first reused) shows the order. Mixed leaves (ints, strs, big ints, None) and a container holding a non-leaf are released too
x = 0.25
l = [1.5 + x, 2.5 + x, 3.5 + x]
ids = [id(v) for v in l]
del l
a = 10.5 + x
b = 11.5 + x
c = 12.5 + x
print(id(a) == ids[0], id(b) == ids[1], id(c) == ids[2])
del a, b, c
d = {1.5 + x: 2.5 + x, 3.5 + x: 4.5 + x}
ids = [id(k) for kv in d.items() for k in kv]
del d
w = [20.5 + x for _ in range(4)]
print([id(v) == i for v, i in zip(w, reversed(ids))])
del w
l = [7, "s", 4.5 + x, None, 2**80 + 1]
fid = id(l[2])
del l
e = 30.5 + x
print(id(e) == fid)
import sys
s = "".join(["le", "af"])
l = [s, s, 5.5 + x]
d = {s: s, "k": 6.5 + x}
print(sys.getrefcount(s))
del l
print(sys.getrefcount(s))
del d
print(sys.getrefcount(s))
inner = [1.0 + x]
outer = [inner, 2.0 + x]
iid = id(inner[0])
del inner
oid = id(outer[1])
del outer
f = 40.5 + x
g = 41.5 + x
print(id(f) == iid, id(g) == oid)
import gc
gc.disable()
d = {"a": []}
d["a"].append(d)
del d
print(gc.collect() > 0)
