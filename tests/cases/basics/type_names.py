# type() of the built-in kinds of value prints their class names.
print(type(1))
print(type(1.5))
print(type('s'))
print(type(True))
print(type(None))
print(type([]))
print(type(()))
print(type({}))
print(type(object()))
print(type(len))
def f():
    pass
print(type(f))
class C:
    pass
print(type(C()))
print(type(2 ** 100))
print(type(range(3)))
print(type(type(1)))
print(type(1) is int, type('a') is str, type(1.0) is float)
