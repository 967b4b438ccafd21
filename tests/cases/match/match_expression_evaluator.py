# A tiny expression evaluator and simplifier driven by match on nested tuples.
def evaluate(e, env):
    match e:
        case int() | float():
            return e
        case str(name):
            return env[name]
        case ("neg", x):
            return -evaluate(x, env)
        case ("+" | "-" | "*" | "/" as op, left, right):
            a, b = evaluate(left, env), evaluate(right, env)
            match op:
                case "+": return a + b
                case "-": return a - b
                case "*": return a * b
                case "/": return a / b if b else float("inf")
        case ("let", str(name), value, body):
            return evaluate(body, {**env, name: evaluate(value, env)})
        case _:
            raise ValueError("bad expression %r" % (e,))
def simplify(e):
    match e:
        case (op, l, r):
            e = (op, simplify(l), simplify(r))
    match e:
        case ("*", 0, _) | ("*", _, 0):
            return 0
        case ("*", 1, x) | ("*", x, 1) | ("+", 0, x) | ("+", x, 0):
            return x
        case ("-", x, y) if x == y:
            return 0
        case _:
            return e
env = {"x": 3, "y": 4}
for expr in [("+", 1, 2), ("*", "x", ("neg", "y")), ("let", "z", ("+", "x", 1), ("*", "z", "z")),
             ("/", 1, 0), ("/", "y", 8)]:
    print(expr, "=", evaluate(expr, env))
for expr in [("+", ("*", 1, "x"), 0), ("*", ("-", "y", "y"), "x"), ("-", "x", ("+", "x", 0)), ("+", "x", "y")]:
    print(expr, "=>", simplify(expr))
try:
    evaluate(("pow", 2, 3), env)
except ValueError as e:
    print("ValueError:", e)
