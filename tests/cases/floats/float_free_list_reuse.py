# A dead float's block goes onto the float free list and the next float
# takes it: the new float has the old one's id (CPython 3.11's
# PyFloat_MAXFREELIST free list, last freed first).

def reuse(u, v):
    a = u * v
    first = id(a)
    del a
    b = v * v
    return id(b) == first


def last_freed_first(u):
    x = u + 1.0
    y = u + 2.0
    ix, iy = id(x), id(y)
    del x
    del y
    # y died last: the next float takes its block, then x's.
    p = u + 3.0
    q = u + 4.0
    return id(p) == iy, id(q) == ix, p, q


print(reuse(1.5, 3.0))
print(last_freed_first(0.25))


def bounded(u):
    # Fill the free list (it keeps at most 100 floats)...
    junk = [u + i for i in range(300)]
    del junk
    # ...then take all 100 and one more from the allocator. Freed last to
    # first, fs[100] .. fs[1] fill the list again and fs[0], the 101st,
    # goes back to the allocator: the next float reuses fs[1]'s block.
    fs = [u + i for i in range(101)]
    ids = [id(f) for f in fs]
    del fs
    g = u * 2.0
    return id(g) == ids[1], id(g) == ids[0]


print(bounded(0.5))
