# Atoms (ints, floats, strs, None, bools) are never tracked; lists, instances, functions, classes are.
import gc
gc.disable()
n = 12345
f = 1.5
s = 'text'
print(gc.is_tracked(n), gc.is_tracked(f), gc.is_tracked(s), gc.is_tracked(None), gc.is_tracked(True))
print(gc.is_tracked(n * n * n * n), gc.is_tracked(s + s))
class Thing:
    pass
def func():
    pass
print(gc.is_tracked([]), gc.is_tracked([1, 2]), gc.is_tracked(Thing()), gc.is_tracked(func), gc.is_tracked(Thing))
print(gc.is_tracked(object()))
x = Thing()
x.value = 1
print(gc.is_tracked(x), gc.is_tracked(x.value))
gc.collect()
print(gc.is_tracked(x), gc.is_tracked([]))
