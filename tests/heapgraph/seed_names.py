# The seed's names and objects: x and y share one int, a frame with its locals, five arrows to None.
import ouro
x = 10
y = x
ouro.snapshot("x and y share one object")
x = 11
ouro.snapshot("x rebound")
def func():
    x = 10
    y = "Apple"
    ouro.snapshot("inside func")
func()
x = [None] * 5
