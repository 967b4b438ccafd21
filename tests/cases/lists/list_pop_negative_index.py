# list.pop with negative and out-of-range indices.
l = ['a', 'b', 'c', 'd', 'e']
print(l.pop(-1), l)
print(l.pop(-2), l)
print(l.pop(-3), l)
try:
    l.pop(5)
except IndexError as e:
    print('IndexError:', e)
try:
    l.pop(-3)
except IndexError as e:
    print('IndexError:', e)
print(l)
