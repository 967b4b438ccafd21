# Tuples of hashable items work as dict keys; equal tuples find the same entry.
grid = {}
grid[(0, 0)] = 'origin'
grid[(1, 2)] = 'point'
grid[0, 1] = 'no parens'
print(grid)
print(grid[(1, 2)], grid[0, 0], (0, 1) in grid, (2, 1) in grid)
key = (1, 2)
grid[key] = 'updated'
print(grid)
try:
    grid[([1], 2)] = 'bad'
except TypeError as e:
    print('TypeError:', e)
