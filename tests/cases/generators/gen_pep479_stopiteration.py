# PEP 479: a StopIteration raised inside a generator becomes RuntimeError.
def leaky():
    yield 1
    next(iter([]))
    yield 2

try:
    print(list(leaky()))
except RuntimeError as e:
    print(type(e).__name__, e)
    print("cause", type(e.__cause__).__name__, e.__suppress_context__)

def explicit():
    yield "a"
    raise StopIteration("stop")
g = explicit()
print(next(g))
try:
    next(g)
except RuntimeError as e:
    print(e, repr(e.__cause__))
print(next(g, "finished"))

def returns():
    yield 1
    return 2
print(list(returns()))
