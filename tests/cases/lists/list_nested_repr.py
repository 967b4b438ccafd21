# repr of nested lists with mixed element types.
l = [1, 'two', 3.0, None, True, [4, [5, 'six']], (7,), {'k': [8]}]
print(l)
print(repr(l) == str(l))
print([[]], [[], []], [''], ["a'b"])
m = [[0] * 3, [0] * 3]
m[0][1] = 1
print(m)
