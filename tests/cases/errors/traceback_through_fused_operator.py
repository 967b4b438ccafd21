# An exception raised inside `__getitem__` called from `box[0]`, and one
# from `x % 3` reached through it: each frame's traceback entry points at
# the operator (ouro runs `local <op> constant` as one instruction).
class Box:
    def __init__(self, v):
        self.v = v

    def __getitem__(self, k):
        return self.v % 3


def show(box):
    return box[0]


show(Box(7))
print(show(Box(8)))
show(Box(None))
