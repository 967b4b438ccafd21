# match over nested structures: tuples of classes, lists of dicts.
class Add:
    __match_args__ = ("left", "right")
    def __init__(self, left, right):
        self.left, self.right = left, right
class Num:
    __match_args__ = ("value",)
    def __init__(self, value):
        self.value = value

def evaluate(node):
    match node:
        case Num(v):
            return v
        case Add(Num(0), other) | Add(other, Num(0)):
            return evaluate(other)
        case Add(l, r):
            return evaluate(l) + evaluate(r)
        case _:
            raise ValueError(f"bad node {node!r}")

print(evaluate(Add(Num(1), Add(Num(0), Num(5)))))
print(evaluate(Add(Num(2), Num(0))))
events = [{"kind": "click", "pos": (1, 2)}, {"kind": "key", "key": "q"}, {"kind": "scroll"}]
for ev in events:
    match ev:
        case {"kind": "click", "pos": (x, y)}:
            print("click at", x, y)
        case {"kind": "key", "key": str(k)} if k == "q":
            print("quit")
        case {"kind": other}:
            print("unhandled", other)
