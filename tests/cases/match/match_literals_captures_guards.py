# match: literal, singleton, capture, wildcard and or-patterns, with guards.
def describe(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case None:
            return "none"
        case True:
            return "true"
        case "hello" | "hi":
            return "greeting"
        case str() as s if len(s) > 5:
            return "long string " + s
        case int(n) if n < 0:
            return f"negative {n}"
        case float(f):
            return f"float {f}"
        case other:
            return f"other {other!r}"

for v in [0, 2, None, True, "hi", "a long one", -5, 2.5, "abc", [1]]:
    print(describe(v))

x = 10
match x:
    case 5:
        print("five")
print("no case matched, x still", x)

def http(status):
    match status:
        case 400:
            return "Bad request"
        case 404:
            return "Not found"
        case 418:
            return "I'm a teapot"
        case _:
            return "Something's wrong with the internet"
print(http(418), http(500))
match 3:
    case 1 | 2:
        print("no")
    case (3 | 4) as n:
        print("matched", n)
