# len() of strings, lists, tuples, dicts and ranges; TypeError for ints.
print(len(''), len('abc'), len('a\nb'))
print(len([]), len([1, [2, 3]]), len(()), len((1,)))
print(len({}), len({'a': 1, 'b': 2}))
print(len(range(10)), len(range(0, 10, 3)), len(range(5, 0)))
try:
    len(5)
except TypeError as e:
    print('TypeError:', e)
