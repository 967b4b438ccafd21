# *args/**kwargs collection and forwarding, unpacking in calls, duplicate keyword errors.
def target(a, b=0, *rest, key=None, **extra):
    return "a=%r b=%r rest=%r key=%r extra=%r" % (a, b, rest, key, sorted(extra.items()))
def forward(*args, **kwargs):
    print("forward", args, sorted(kwargs))
    return target(*args, **kwargs)
print(forward(1))
print(forward(1, 2, 3, key="k", z=1))
print(forward(*[1, 2], *(3,), **{"key": 4}, **{"y": 5}))
def wrapper(fn):
    def inner(*a, **k):
        return ("wrapped", fn(*a, **k))
    return inner
print(wrapper(target)(10, key=1))
try:
    target(1, **{"a": 2})
except TypeError as e:
    print("TypeError:", e)
def count(*args, **kwargs):
    return len(args), len(kwargs), type(args).__name__, type(kwargs).__name__
print(count(), count(*range(5), **dict(a=1, b=2)))
print(max(*[3, 9, 2]), print(*"abc", sep="-"))
