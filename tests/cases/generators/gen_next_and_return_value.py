# A generator runs to each yield on next(); its return value rides on StopIteration.
def countdown(n):
    print("start")
    while n > 0:
        yield n
        n -= 1
    return "liftoff"

g = countdown(3)
print(type(g).__name__, g.__name__, g.__qualname__)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stopped with", e.value, e.args)
try:
    next(g)
except StopIteration as e:
    print("again", e.value, e.args)
print(next(countdown(0), "default"))
print(list(countdown(4)))
for v in countdown(2):
    print("for", v)
