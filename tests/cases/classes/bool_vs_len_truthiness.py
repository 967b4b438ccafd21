# Truthiness: __bool__ wins over __len__, __len__ used otherwise, errors for bad return values.
class OnlyLen:
    def __init__(self, n): self.n = n
    def __len__(self):
        print("  __len__")
        return self.n
class Both:
    def __bool__(self):
        print("  __bool__")
        return False
    def __len__(self):
        print("  __len__ (unused)")
        return 5
class Neither:
    pass
class BadBool:
    def __bool__(self): return 1
class NegLen:
    def __len__(self): return -1
class BoolNone(OnlyLen):
    __bool__ = None

print(bool(OnlyLen(0)), bool(OnlyLen(3)))
print(bool(Both()), len(Both()))
print(bool(Neither()))
print("yes" if OnlyLen(2) else "no")
print(not OnlyLen(0))
print(OnlyLen(0) or "fallback", (OnlyLen(1) and "second"))
for obj in (BadBool(), NegLen(), BoolNone(1)):
    try:
        bool(obj)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
i = 0
w = OnlyLen(2)
while w:
    w.n -= 1
    i += 1
print("loops", i)
