# A default value is evaluated once, so a mutable default is shared across calls.
def append_to(item, target=[]):
    target.append(item)
    return target
a = append_to(1)
b = append_to(2)
print(a, b, a is b)
c = append_to(3, [])
print(c, append_to(4))
counter = 10
def show(v=counter):
    return v
counter = 20
print(show())
