# List equality and ordering compare element by element.
print([1, 2] == [1, 2], [1, 2] == [2, 1], [1, 2] != [1, 2, 3])
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 99], [] < [0])
print([1, [2, 3]] == [1, [2, 3]], [1.0] == [1], ['a'] < ['b'])
print([1, 2] == (1, 2))
