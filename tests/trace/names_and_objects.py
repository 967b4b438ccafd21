# The seed's session: names bound to shared ints, a function's frame, a list of Nones.
x = 10
y = x
x = 11
def func():
    a = 10
    b = "Apple"
func()
z = [None] * 5
