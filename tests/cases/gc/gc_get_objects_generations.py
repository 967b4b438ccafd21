# get_objects() lists tracked objects; get_objects(gen) shows a survivor moving from generation 0 to 1 to 2.
import gc
gc.disable()
gc.collect()
def where(obj):
    return [any([o is obj for o in gc.get_objects(g)]) for g in range(3)]
l = []
print(any([o is l for o in gc.get_objects()]), where(l))
gc.collect(0)
print(where(l))
gc.collect(1)
print(where(l))
gc.collect()
print(where(l))
n = 123456
s = 'some text'
print(any([o is n for o in gc.get_objects()]), any([o is s for o in gc.get_objects()]))
untracked = {'a': 1}
print(any([o is untracked for o in gc.get_objects()]))
print(type(gc.get_objects()).__name__, type(gc.get_objects(-1)).__name__, type(gc.get_objects(None)).__name__)
