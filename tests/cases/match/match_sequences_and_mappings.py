# Sequence patterns (with star) and mapping patterns (with **rest).
def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one {x}"
        case [x, y]:
            return f"pair {x} {y}"
        case [first, *middle, last]:
            return f"first {first} middle {middle} last {last}"
        case _:
            return "not a sequence"

for v in [[], [1], (1, 2), [1, 2, 3, 4], range(3), "ab", {"a": 1}, 5]:
    print(seq(v))

def command(cmd):
    match cmd.split():
        case ["go", direction]:
            return "going " + direction
        case ["drop", *objects]:
            return "dropping " + ", ".join(objects)
        case ["quit" | "exit"]:
            return "bye"
        case _:
            return "unknown"
print(command("go north"), command("drop a b c"), command("exit"), command("dance"))

def conf(c):
    match c:
        case {"type": "user", "name": str(name), **rest}:
            return f"user {name} extra {rest}"
        case {"type": "group", "members": [*members]}:
            return f"group of {len(members)}"
        case {"type": t}:
            return f"unknown type {t}"
        case {}:
            return "a mapping without type"
        case _:
            return "not a mapping"
print(conf({"type": "user", "name": "ann", "age": 3}))
print(conf({"type": "group", "members": [1, 2]}))
print(conf({"type": "robot"}))
print(conf({"x": 1}))
print(conf([("type", "user")]))
match {"a": 1, "b": 2}:
    case {"a": 1, **rest}:
        print("rest", rest)
match [1, [2, [3, 4]]]:
    case [a, [b, [c, d]]]:
        print(a + b + c + d)
