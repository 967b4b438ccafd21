# Sequence patterns on tuples and lists: fixed length, star in the middle, nested sequences, strings are not sequences.
def shape(v):
    match v:
        case ():
            return "empty"
        case (x,):
            return "single %r" % (x,)
        case (a, b) if a == b:
            return "equal pair"
        case (int(a), int(b)):
            return "int pair sum %d" % (a + b)
        case (first, *mid, last) if len(mid) >= 2:
            return "long first=%r mid=%r last=%r" % (first, mid, last)
        case [(x1, y1), (x2, y2)]:
            return "segment (%r,%r)-(%r,%r)" % (x1, y1, x2, y2)
        case [[*row1], [*row2]]:
            return "two rows %d+%d" % (len(row1), len(row2))
        case str():
            return "string not a sequence pattern"
        case _:
            return "other"
for v in [(), [], (5,), "ab", (1, 1), (2, 3), (1, "x"), [1, 2, 3, 4], [(0, 1), (2, 3)],
          [[1], [2, 3]], range(2), (1, 2, 3), {"a": 1}]:
    print(repr(v), "->", shape(v))
point = (3, -4)
match point:
    case (0, 0):
        print("origin")
    case (x, 0) | (0, x):
        print("on axis", x)
    case (x, y):
        print("quadrant point", x, y)
