# for over a dict yields keys; over items() yields (key, value) tuples.
d = {'one': 1, 'two': 2, 'three': 3}
for k in d:
    print(k)
for pair in d.items():
    print(pair)
s = 0
for k, v in d.items():
    s += v
print(s)
try:
    for k in d:
        d['four'] = 4
except RuntimeError as e:
    print('RuntimeError:', e)
