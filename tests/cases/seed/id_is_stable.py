# id() of an object is stable over its lifetime and mutation; distinct live objects differ.
a = [1]
first = id(a)
a.append(2)
a[0] = 99
print(id(a) == first)
b = [1]
print(id(a) == id(b))
o = object()
p = object()
print(id(o) == id(p), id(o) == id(o))
d = {}
d['k'] = a
print(id(d['k']) == first)
