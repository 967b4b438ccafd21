# repr of dicts with string keys, nested containers and non-string keys.
d = {'name': 'ouro', 'tags': ['a', 'b'], 'meta': {'n': 1, 'ok': True}, 'pt': (1, 2), 'none': None}
print(d)
print({1: 'one', 2.5: 'x', (1,): [], None: {}, True: "it's"})
print({}, {'': ''}, {'k': {'k': {'k': {}}}})
d2 = {'self': None}
d2['self'] = d2
print(d2)
