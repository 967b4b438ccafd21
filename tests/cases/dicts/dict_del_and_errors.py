# del d[k] removes an entry; missing keys raise KeyError whose str() is the key's repr.
d = {'a': 1, 'b': 2, 3: 'three'}
del d['a']
print(d)
try:
    del d['a']
except KeyError as e:
    print('KeyError:', e, repr(e))
try:
    d['missing']
except KeyError as e:
    print('KeyError:', e, e.args)
try:
    d[4]
except KeyError as e:
    print('KeyError:', e)
try:
    d[(1, 'x')]
except KeyError as e:
    print('KeyError:', e)
