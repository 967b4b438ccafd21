# Default values are evaluated once at definition time: shared mutable defaults, evaluation order, None idiom.
calls = []
def make_default(tag):
    calls.append(tag)
    return [tag]
def f(a=make_default("a"), b=make_default("b")):
    a.append(len(a))
    return a, b
print(calls)
print(f())
print(f())
print(f([]))
print(f.__defaults__)
x = 10
def g(v=x):
    return v
x = 20
print(g(), calls)
def h(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket
print(h(1), h(2))
def counter(_state={"n": 0}):
    _state["n"] += 1
    return _state["n"]
print(counter(), counter(), counter())
def kw(*, opts=make_default("kw")):
    return opts
print(kw() is kw(), kw.__kwdefaults__, calls)
