# Overwriting a key keeps its position; deleting and re-adding moves it to the end.
d = {'a': 1, 'b': 2, 'c': 3}
d['a'] = 100
print(d)
del d['a']
d['a'] = 'again'
print(d)
d['b'] = d['b'] * 2
print(d)
e = {'x': 1, 'x': 2, 'y': 3}
print(e)
