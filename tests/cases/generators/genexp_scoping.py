# Generator expressions: the first iterable is evaluated at once, the rest lazily.
x = 10
g = (x + i for i in range(3))
x = 20
print(list(g))
class C:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
print(C.doubled)
def make():
    return (lambda: i for i in range(3))
print([f() for f in make()])
try:
    gen = (1 / 0 for _ in range(1))
    print("created")
    next(gen)
except ZeroDivisionError as e:
    print("raised on first next:", e)
try:
    (y for y in 5)
except TypeError as e:
    print(e)
