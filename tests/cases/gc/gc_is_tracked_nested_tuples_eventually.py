# Nested tuples of atoms all end up untracked after enough collections (three suffice for three levels).
import gc
gc.disable()
a = 1
inner = (a, 'x')
outer = (a, inner)
top = (outer, (inner,))
print(gc.is_tracked(inner), gc.is_tracked(outer), gc.is_tracked(top))
gc.collect()
gc.collect()
gc.collect()
print(gc.is_tracked(inner), gc.is_tracked(outer), gc.is_tracked(top))
mixed = (inner, [a])
gc.collect()
gc.collect()
print(gc.is_tracked(mixed))
