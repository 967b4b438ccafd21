# a = b = value binds every target to the same object, left to right.
a = b = c = [1]
print(a is b, b is c)
a.append(2)
print(c)
x = y = 5
y = 6
print(x, y)
l = [0, 0]
i = l[0] = 1
print(i, l)
