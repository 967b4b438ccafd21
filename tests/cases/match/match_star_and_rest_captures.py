# Star captures in sequence patterns are lists; **rest is a new dict.
for v in [(1,), (1, 2, 3, 4), [5, 6]]:
    match v:
        case (first, *others):
            print(first, others, type(others).__name__)
d = {"a": 1, "b": 2, "c": 3}
match d:
    case {"a": _, **rest}:
        print(rest, rest is d, d)
match range(5):
    case [0, *mid, 4]:
        print("range matched", mid)
match (1, (2, 3)):
    case (a, (b, *c)) if c:
        print(a, b, c)
