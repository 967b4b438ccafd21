# Assignments inside a function bind locals and leave module-level names alone.
x = 11
y = "Banana"
def func():
    x = 10
    y = "Apple"
    print(x, y)
    return x
r = func()
print(x, y, r)
ten = 5 + 5
print(r is ten)
