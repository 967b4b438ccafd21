# gi_running, gi_suspended, gi_yieldfrom, gi_code, names and repr of generators.
def inner():
    yield 1

def outer():
    print("running inside:", g.gi_running)
    yield from inner()

g = outer()
print(g.gi_running, g.gi_suspended, g.gi_yieldfrom, g.gi_code.co_name)
next(g)
print(g.gi_running, g.gi_suspended, type(g.gi_yieldfrom).__name__)
print(list(g), g.gi_suspended, g.gi_yieldfrom)
print(repr(g).startswith("<generator object outer at 0x"))

def make():
    def local_gen():
        yield
    return local_gen()
print(make().__qualname__)

def reentrant():
    yield next(r)
r = reentrant()
try:
    next(r)
except ValueError as e:
    print(e)
