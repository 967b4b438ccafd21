# memoryview corner cases: empty and 0-dim views, N-D assignment, contiguity.
def show(f):
    try:
        r = f()
        print(r if not isinstance(r, memoryview) else ('view', r.shape, r.strides, r.c_contiguous))
    except Exception as ex:
        print(type(ex).__name__, ex)

e = memoryview(b'')
show(lambda: e[::-1])
show(lambda: e[3:1])
show(lambda: e[::-1].cast('B'))
show(lambda: e[3:1].cast('B'))
show(lambda: e.cast('B', [1]))
show(lambda: e.cast('q'))
show(lambda: memoryview(b'a')[::-1])

z = memoryview(bytearray(b'\x05')).cast('B', [])
show(lambda: z[...] is z)
show(lambda: z[()])
show(lambda: z[0])
show(lambda: z[:])
show(lambda: list(z))
show(lambda: z.tolist())
z[...] = 7
show(lambda: z.tobytes())
z[()] = 8
show(lambda: z.obj)
show(lambda: z.__setitem__(0, 1))

g = memoryview(bytearray(range(12))).cast('B', [3, 4])
show(lambda: g.__setitem__(slice(None), b'x'))
show(lambda: g.__setitem__((slice(None), slice(None)), b'x'))
g[1, 2] = 99
show(lambda: g.tolist())
show(lambda: g[1, 2])
show(lambda: g[1, 2, 3])
show(lambda: g[1])
show(lambda: g[1:2])
show(lambda: g[1:2].tolist())
show(lambda: g[::-1].tolist())
show(lambda: g[:, 1])
show(lambda: list(g))
show(lambda: g.__setitem__(1, 5))
show(lambda: g.cast('B', [2, 6]))
show(lambda: g.cast('B').cast('B', [2, 6]).tolist())
show(lambda: g.cast('h'))
show(lambda: memoryview(bytes(8)).cast('h', [2, 2]).cast('B'))
