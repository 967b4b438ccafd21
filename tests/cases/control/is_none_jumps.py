# `x is None` and `x is not None` as conditions compile to one jump on the
# value (CPython 3.11's POP_JUMP_IF_NONE / _NOT_NONE); every form of
# condition that can hold them must still decide the same way.
class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


def walk(n):
    out = []
    while n is not None:
        out.append(n.value)
        n = n.next
    return out


def classify(x):
    if x is None:
        return "none"
    elif not x is not None:
        return "unreachable"
    return "some"


def mixed(a, b):
    r = []
    r.append(a is None and b is not None)
    r.append(a is None or b is None)
    if a is not None and b is None:
        r.append("a only")
    if not (a is None):
        r.append("a set")
    r.append("x" if b is None else "y")
    r.append([v for v in (a, b, None, 0) if v is not None])
    assert a is None or a == 1, "assert with is None"
    return r


chain = Node(1, Node(2, Node(3)))
print(walk(chain), walk(None))
print([classify(v) for v in (None, 0, "", [], 1)])
for a, b in [(None, None), (1, None), (None, 2), (1, 2)]:
    print(mixed(a, b))
# The identity test itself is still a value where one is needed.
y = None
print(y is None, y is not None, None is y)
try:
    assert mixed(2, None) is None
except AssertionError as e:
    print("AssertionError", e)
