# dict.get, dict.setdefault and dict.pop with and without defaults.
d = {'a': 1}
print(d.get('a'), d.get('b'), d.get('b', 'dflt'), d)
print(d.setdefault('a', 99), d.setdefault('b', []), d)
d.setdefault('b', []).append('x')
d.setdefault('c')
print(d)
print(d.pop('a'), d)
print(d.pop('zzz', 'fallback'), d)
try:
    d.pop('zzz')
except KeyError as e:
    print('KeyError:', e)
