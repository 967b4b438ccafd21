# list.extend takes any iterable; list.remove deletes the first equal item.
l = [1, 2]
l.extend([3, 4])
l.extend((5,))
l.extend('ab')
l.extend(range(2))
print(l)
l.remove(1)
print(l)
l.remove('a')
print(l)
l.extend(l)
print(l)
try:
    l.remove(42)
except ValueError as e:
    print('ValueError:', e)
