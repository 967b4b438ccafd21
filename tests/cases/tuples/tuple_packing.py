# Bare comma expressions pack tuples; for loops iterate over them.
t = 1, 'two', 3.0
print(t)
for item in t:
    print(item)
a, b, c = t
print(c, b, a)
print(len(t), 'two' in t, 4 in t)
e = ()
print(len(e), bool(e), bool((0,)))
