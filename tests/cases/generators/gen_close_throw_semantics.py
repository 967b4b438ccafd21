# close() and throw(): GeneratorExit, yielding during close, throwing into unstarted/finished generators.
def worker():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("  worker caught", repr(e))
        yield "after ValueError"
    finally:
        print("  worker finally")
w = worker()
print(next(w), w.throw(ValueError("v")))
w.close()
w.close()
print("closed twice fine")
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
def unstarted():
    print("  never printed")
    yield
u = unstarted()
try:
    u.throw(KeyError("early"))
except KeyError as e:
    print("unstarted throw propagates", repr(e))
print(next(u, "exhausted"))
def finished():
    yield 1
f = finished()
list(f)
try:
    f.throw(TypeError, "late")
except TypeError as e:
    print("finished throw:", repr(e))
