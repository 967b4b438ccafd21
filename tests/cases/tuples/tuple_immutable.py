# Tuples reject item assignment and deletion but mutable items inside can change.
t = (1, [2], 'x')
try:
    t[0] = 99
except TypeError as e:
    print('TypeError:', e)
try:
    del t[0]
except TypeError as e:
    print('TypeError:', e)
t[1].append(3)
print(t)
