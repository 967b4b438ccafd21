# `list += x` with an x that cannot be iterated fails in list.extend
# (CPython's list_inplace_concat), unless x's type answers `__radd__`.
class R:
    def __radd__(self, other):
        return "R.__radd__"


class Sub(list):
    pass


for target in ([1], Sub([2])):
    for x in (1, None, 2.5, R(), "ab", (3,), {4: 5}):
        l = target.copy() if type(target) is list else Sub(target)
        try:
            l += x
            print(type(l).__name__, l)
        except TypeError as e:
            print("TypeError:", e)
