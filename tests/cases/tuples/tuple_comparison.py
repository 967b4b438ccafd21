# Tuples compare lexicographically and tuples are equal only to tuples.
print((1, 2) == (1, 2), (1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9))
print(() < (0,), (1, 'a') < (1, 'b'), (1, 2) == [1, 2])
print(max((1, 2), (1, 3), (0, 9)), min([(2, 'a'), (1, 'z')]))
print((0.5, 1) < (1, 0), (1,) == (1.0,))
