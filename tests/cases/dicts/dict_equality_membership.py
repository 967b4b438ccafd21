# Dict equality ignores order; in tests keys, not values.
a = {'x': 1, 'y': 2}
b = {'y': 2, 'x': 1}
print(a == b, a != b, a == {'x': 1}, {} == {})
print('x' in a, 1 in a, 'z' not in a, len(a))
print({1: [1, 2]} == {1: [1, 2]}, {1: 1} == {1: 1.0})
