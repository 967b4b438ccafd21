# get_referents visits list and tuple items last to first, str-keyed dict values only, other dicts value then key.
import gc
gc.disable()
print(gc.get_referents([1, 'a']))
print(gc.get_referents([1, 2, 3, [4]]))
print(gc.get_referents((None, 'b', 2.5)))
print(gc.get_referents({'a': 1, 'b': 2}))
print(gc.get_referents({1: 'x', 2: 'y'}))
print(gc.get_referents({'a': 1, 2: 'y'}))
print(gc.get_referents([1], (2,), {'k': 3}))
print(gc.get_referents(), gc.get_referents(1, 'abc', None, 2.5))
inner = [0]
print(gc.get_referents([inner, inner])[0] is inner, len(gc.get_referents([inner, inner])))
