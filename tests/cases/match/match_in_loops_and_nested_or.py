# match with break/continue in loops, nested or-patterns binding one name, value patterns.
for item in [("add", 1, 2), ("neg", 5), ("stop",), ("skip",), ("add", 3, 4)]:
    match item:
        case ("add", a, b):
            print(a + b)
        case ("neg", a):
            print(-a)
        case ("skip",):
            continue
        case ("stop",):
            print("stopping")
            break
def f(v):
    match v:
        case [1, (2 | 3) as inner, *_] | [(4 | 5) as inner]:
            return inner
    return None
print(f([1, 3, 9]), f([5]), f([6]))
match -1:
    case -1:
        print("negative literal")
match 3:
    case 3:
        print("three")
import sys
match sys:
    case object(__name__="sys"):
        print("module attr match")
class Color:
    RED = 1
    GREEN = 2
match 2:
    case Color.RED:
        print("red")
    case Color.GREEN:
        print("green")
match (1, 2):
    case (x, y) if x > y:
        print("no")
    case (x, y):
        print("captured after guard fail", x, y)
match "text":
    case [*_]:
        print("str is not a sequence here")
    case _:
        print("str skipped")
