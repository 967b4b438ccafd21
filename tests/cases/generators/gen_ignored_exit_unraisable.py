# A generator that ignores GeneratorExit, freed while suspended: the
# RuntimeError is reported as unraisable, with the running frame as its
# traceback (CPython 3.11's default unraisable hook), and the program goes on.
def stubborn():
    while True:
        try:
            yield 1
        except GeneratorExit:
            print("ignoring")

def f():
    g = stubborn()
    next(g)
    g = None
    print("after")

f()
g = stubborn()
next(g)
g = 5
print("end")
