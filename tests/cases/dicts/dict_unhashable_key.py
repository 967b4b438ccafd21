# Lists and dicts cannot be dict keys: TypeError unhashable type.
d = {}
try:
    d[[1, 2]] = 'list'
except TypeError as e:
    print('TypeError:', e)
try:
    d[{}] = 'dict'
except TypeError as e:
    print('TypeError:', e)
try:
    print([] in d)
except TypeError as e:
    print('TypeError:', e)
print(d)
