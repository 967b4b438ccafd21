# Strings are immutable: item assignment fails and methods return new strings.
s = 'abc'
try:
    s[0] = 'x'
except TypeError as e:
    print('TypeError:', e)
t = s
s += 'd'
print(s, t, s is t)
u = t.upper()
print(t, u)
