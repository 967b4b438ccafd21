# throw() raises at the paused yield: handled inside, or propagated out.
def worker():
    while True:
        try:
            x = yield
            print("work", x)
        except ValueError as e:
            print("recovered from", repr(e))
            yield "after error"

w = worker()
next(w)
w.send(1)
print(w.throw(ValueError("bad input")))
next(w)
w.send(2)
try:
    w.throw(KeyError, "k")
except KeyError as e:
    print("propagated", repr(e))
print(next(w, "exhausted"))
try:
    w.throw(RuntimeError("late"))
except RuntimeError as e:
    print("closed generator raises", e)

def fresh():
    try:
        yield 1
    except Exception:
        print("never: the frame had not started")
        yield 2
f = fresh()
try:
    f.throw(TypeError("early"))
except TypeError as e:
    print("unstarted:", e)
print(next(f, "done"))

def delegating():
    def sub():
        try:
            yield "sub"
        except ZeroDivisionError:
            yield "sub caught"
        return "sub done"
    r = yield from sub()
    yield r
d = delegating()
print(next(d))
print(d.throw(ZeroDivisionError))
print(next(d))
try:
    worker().throw(1)
except TypeError as e:
    print(e)
