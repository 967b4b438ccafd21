# Dicts are untracked while they hold only atoms and become tracked once a container value is stored.
import gc
gc.disable()
print(gc.is_tracked({}), gc.is_tracked({'a': 1}), gc.is_tracked({'a': 'x', 'b': None, 'c': 1.5}))
print(gc.is_tracked({'a': []}), gc.is_tracked({'a': {}}))
print(gc.is_tracked(dict(a=1)), gc.is_tracked(dict(a=[])))
d = {}
print(gc.is_tracked(d))
d['x'] = 1
print(gc.is_tracked(d))
d['y'] = [1]
print(gc.is_tracked(d))
d['y'] = 2
print('container value replaced', gc.is_tracked(d))
e = {}
e.update({'k': []})
print(gc.is_tracked(e))
e.clear()
print('cleared', gc.is_tracked(e))
print(gc.is_tracked(e.copy()), gc.is_tracked({'a': []}.copy()))
