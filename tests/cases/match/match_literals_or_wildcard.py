# Literal patterns (ints, strs, None, True/False by identity), or-patterns, as-bindings, value patterns via dotted names.
class Color:
    RED = "red"
    GREEN = "green"
def classify(v):
    match v:
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case 0 | 0.0:
            return "zero"
        case 1 | 2 | 3 as small:
            return "small %r" % small
        case -1:
            return "minus one"
        case "yes" | "y":
            return "affirmative"
        case Color.RED:
            return "red constant"
        case Color.GREEN | "verde":
            return "green-ish"
        case str() as s if not s:
            return "empty string"
        case (1 | 2, "a" | "b") as pair:
            return "pair %r" % (pair,)
        case _:
            return "other %r" % (v,)
for v in [None, True, False, 0, 0.0, 1, 2.0, 3, -1, "yes", "y", "red", "verde", "green", "", (2, "b"), [1, "a"], (3, "a"), 1.5]:
    print(repr(v), "->", classify(v))
