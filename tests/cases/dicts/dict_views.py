# keys(), values() and items() views reflect the dict's current contents.
d = {'x': 1, 'y': 2}
k = d.keys()
v = d.values()
i = d.items()
print(k, v, i)
d['z'] = 3
print(len(k), k)
for key, value in d.items():
    print(key, '->', value)
total = 0
for value in d.values():
    total += value
print(total, 'y' in d.keys(), 5 in d.values())
