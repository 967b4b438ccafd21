# min, max, sum and abs on ints, floats, strings and lists.
print(min(3, 1, 2), max(3, 1, 2))
print(min([4, -2, 9]), max([4, -2, 9]))
print(min('hello'), max('hello'))
print(max('apple', 'banana', 'cherry'), min(['b', 'a', 'c']))
print(max(1, 2.5), min(1, 1.0), max(1.0, 1))
print(sum([1, 2, 3]), sum([]), sum([0.1, 0.2]), sum([1, 2], 10))
print(sum(range(101)))
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-0.0), abs(-2 ** 100))
print(max([[1, 2], [1, 3], [0, 9]]), min((3, 'a'), (3, 'B')))
try:
    max([])
except ValueError as e:
    print('ValueError:', e)
