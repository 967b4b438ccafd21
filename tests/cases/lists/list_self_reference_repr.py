# A list containing itself prints as [...] instead of recursing.
l = [1, 2]
l.append(l)
print(l)
print(l[2] is l, len(l))
m = [l]
print(m)
