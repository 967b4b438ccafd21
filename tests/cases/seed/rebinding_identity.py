# Rebinding a name changes what it refers to; other names keep the old object.
x = [1, 2]
y = x
print(id(x) == id(y), x is y)
x = [1, 2]
print(id(x) == id(y), x is y, x == y)
y.append(3)
print(x, y)
s = "Apple"
t = s
s = s + "!"
print(s, t, s is t)
