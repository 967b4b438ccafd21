x = 10
print(id(x))
y = x
print(id(y))
if id(x) == id(y):
    print("x and y refer to the same object")
x = 11
print(id(x))
if id(x) != id(y):
    print("x and y do not refer to the same object")
def func():
    x = 10
    y = "Apple"
func()
x = [None]*5
print(x)
