# sys.exc_info() inside a generator sees its own handled exception across yields.
import sys

def gen():
    print("start:", sys.exc_info()[0])
    try:
        raise KeyError("inner")
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]

g = gen()
try:
    raise ValueError("outer")
except ValueError:
    print(next(g))
    print("caller:", sys.exc_info()[0].__name__)
print(next(g))
print("caller after:", sys.exc_info()[0])
print(next(g))

def reraiser():
    try:
        yield
    except Exception:
        yield
        raise
r = reraiser()
next(r)
r.throw(IndexError("idx"))
try:
    next(r)
except IndexError as e:
    print("re-raised", repr(e))
