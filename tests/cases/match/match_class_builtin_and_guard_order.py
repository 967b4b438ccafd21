# Builtin class patterns, guard evaluation order and bindings visible after match.
def classify(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i) if i > 100:
            return f"big int {i}"
        case int(i):
            return f"int {i}"
        case str() | bytes():
            return "text"
        case list([x, *_]):
            return f"list starting {x}"
        case dict(d) if not d:
            return "empty dict"
        case tuple():
            return "tuple"
    return "unknown"
for v in [True, 500, 3, "s", [9, 8], {}, {1: 2}, (1,), 2.0]:
    print(classify(v))
calls = []
def guard(n):
    calls.append(n)
    return n == 2
match 5:
    case x if guard(1):
        pass
    case y if guard(2):
        print("second guard true; x bound:", x, "y:", y)
print(calls)
