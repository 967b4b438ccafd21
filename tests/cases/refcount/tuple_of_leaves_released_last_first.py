# A tuple of leaves releases its items last to first, as tupledealloc: with the float free list (last freed, first reused) the next floats take the first item's block, then the second's
x = 0.25
t = (1.5 + x, 2.5 + x, 3.5 + x)
ids = [id(v) for v in t]
del t
a = 10.5 + x
b = 11.5 + x
c = 12.5 + x
print(id(a) == ids[0], id(b) == ids[1], id(c) == ids[2])
t = (7, "s", 4.5 + x, None, 2**80 + 1)
fid = id(t[2])
del t
d = 20.5 + x
print(id(d) == fid)
import sys
s = "".join(["le", "af"])
t = (s, s, 5.5 + x)
print(sys.getrefcount(s))
del t
print(sys.getrefcount(s))
