# Tuples built at run time start tracked; a collection untracks those holding only atoms (constant tuples included).
import gc
gc.disable()
gc.collect()
print('constants after a collection', gc.is_tracked((1, 2)), gc.is_tracked(()), gc.is_tracked(('a', None, 1.5)))
def const():
    return (1, 2, 'x')
print('constant in function', gc.is_tracked(const()))
a = 1
b = 'x'
t_atoms = (a, b)
t_list = (a, [])
t_dict = (a, {})
print('built', gc.is_tracked(t_atoms), gc.is_tracked(t_list), gc.is_tracked(t_dict))
print('tuple()', gc.is_tracked(tuple([1, 2])), gc.is_tracked(tuple([1, []])))
gc.collect(0)
print('after collect(0)', gc.is_tracked(t_atoms), gc.is_tracked(t_list), gc.is_tracked(t_dict))
t_obj = (a, object())
gc.collect()
print('after full collect', gc.is_tracked(t_atoms), gc.is_tracked(t_list), gc.is_tracked(t_obj))
t_list[1].append(1)
gc.collect()
print('list still inside', gc.is_tracked(t_list))
