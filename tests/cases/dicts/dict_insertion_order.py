# Dicts iterate and print in insertion order, regardless of key values.
d = {}
for k in ['zebra', 'apple', 'mango', 'banana']:
    d[k] = len(k)
print(d)
for k in d:
    print(k, d[k])
n = {}
for i in [5, 3, 9, 1, -2, 100]:
    n[i] = i * i
print(n)
