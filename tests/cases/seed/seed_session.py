# The project's seed session with id() values replaced by identity comparisons.
x = 10
print(id(x) == id(x))
y = x
print(id(y) == id(x))
if id(x) == id(y):
    print("x and y refer to the same object")
x = 11
print(id(x) == id(y))
if id(x) != id(y):
    print("x and y do not refer to the same object")
def func():
    x = 10
    y = "Apple"
func()
print(x, y)
x = [None]*5
print(x)
