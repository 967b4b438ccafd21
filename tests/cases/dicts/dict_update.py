# dict.update overwrites existing keys in place and appends new ones.
d = {'a': 1, 'b': 2}
d.update({'b': 20, 'c': 30})
print(d)
d.update([('d', 4), ('a', 10)])
print(d)
d.update({'e': 5, 'a': 0})
print(d)
r = d.update({})
print(r, len(d))
