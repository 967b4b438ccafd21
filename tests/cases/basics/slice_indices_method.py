# slice.indices(length): clamped (start, stop, step) as CPython's PySlice_GetIndicesEx, and its errors
for s in [slice(None), slice(1, 3), slice(-2, None), slice(None, None, -1), slice(10, -10, -3), slice(-100, 100, 2), slice(5, 1)]:
    print(s, [s.indices(n) for n in (0, 1, 4, 10)])
for bad in [(slice(None), -1), (slice(None, None, 0), 3), (slice('a'), 3)]:
    try:
        bad[0].indices(bad[1])
    except Exception as e:
        print(type(e).__name__, e)
