# TypeError messages for bad * / ** unpacking in calls and duplicate keywords (CPython names __main__.f).
def target(a, b=0, *rest, key=None, **extra):
    return a
def forward(*args, **kwargs):
    return target(*args, **kwargs)
def posonly(a, b, /, c):
    return a
tests = [
    lambda: forward(**{"key": 1}, key=2),
    lambda: target(1, **{"key": 1}, **{"key": 2}),
    lambda: target(*5),
    lambda: target(**[1]),
    lambda: target(*None),
    lambda: posonly(a=1, b=2, c=3),
    lambda: posonly(1, b=2, c=3),
    lambda: print(*1),
    lambda: len(**{"x": 1}),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print("TypeError:", e)
