# freeze() moves tracked objects to the permanent generation: not listed, not collected, until unfreeze().
import gc
gc.disable()
gc.collect()
print(gc.get_freeze_count())
class Node:
    pass
a = Node()
b = Node()
a.other = b
b.other = a
marker = []
print(gc.freeze())
print(gc.get_freeze_count() > 0)
print(any([o is marker for o in gc.get_objects()]), gc.is_tracked(marker))
del a, b
print('collect while frozen', gc.collect())
print(gc.unfreeze())
print(gc.get_freeze_count())
print(any([o is marker for o in gc.get_objects()]), any([o is marker for o in gc.get_objects(2)]))
print('collect after unfreeze', gc.collect())
gc.freeze()
gc.freeze()
gc.unfreeze()
print(gc.get_freeze_count())
try:
    gc.freeze(1)
except TypeError as e:
    print(type(e).__name__, e)
