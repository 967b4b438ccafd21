# Float ** float on the interpreter's fast path: results, in-place **=, and the cases that raise or give a complex still go the general way
for a, b in [(2.0, 0.5), (-8.0, 1/3), (0.0, -1.0), (1e300, 2.0), (-2.0, 3.0), (float('nan'), 0.0), (1.0, float('nan')), (-0.0, -3.0), (2.0, -1.5)]:
    try:
        x = a ** b
        print(repr(x))
        x = a
        x **= b
        print(repr(x))
    except Exception as e:
        print(type(e).__name__, e)
