# list.index finds the first equal item (with optional start); list.count counts equal items.
l = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
print(l.index(1), l.index(5), l.index(1, 2), l.index(3, 1))
print(l.count(5), l.count(1), l.count(7))
m = [1, 1.0, True, 'a', [1]]
print(m.count(1), m.index([1]), m.index(True))
try:
    l.index(42)
except ValueError as e:
    print('ValueError:', e)
try:
    ['x'].index('y')
except ValueError as e:
    print('ValueError:', e)
