# Augmented assignment operators on names, subscripts and attributes.
x = 10
x += 5
x -= 3
x *= 4
print(x)
x //= 5
print(x)
x %= 4
print(x)
x **= 10
print(x)
x <<= 2
x |= 1
x ^= 6
x &= 0xff
x >>= 1
print(x)
f = 1
f /= 4
print(f)
l = [1, 2]
alias = l
l += [3]
print(l, alias, l is alias)
t = (1,)
t2 = t
t += (2,)
print(t, t2, t is t2)
s = 'ab'
s *= 3
print(s)
d = {'n': 1}
d['n'] += 41
print(d)
class Box:
    pass
b = Box()
b.v = 7
b.v *= 6
print(b.v)
