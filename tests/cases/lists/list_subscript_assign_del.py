# Assigning to and deleting list items by index, including negative ones.
l = [10, 20, 30, 40, 50]
l[0] = 'a'
l[-1] = 'e'
print(l)
del l[1]
print(l)
del l[-2]
print(l)
try:
    l[10] = 1
except IndexError as e:
    print('IndexError:', e)
try:
    del l[10]
except IndexError as e:
    print('IndexError:', e)
try:
    print(l[-10])
except IndexError as e:
    print('IndexError:', e)
try:
    l['0']
except TypeError as e:
    print('TypeError:', e)
