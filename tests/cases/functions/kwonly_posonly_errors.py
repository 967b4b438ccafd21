# Positional-only and keyword-only parameters: legal call forms and the exact TypeError messages.
def f(a, b, /, c, *, d, e=5):
    return (a, b, c, d, e)
print(f(1, 2, 3, d=4), f(1, 2, c=3, d=4, e=6))
calls = [
    lambda: f(1, 2, 3, 4),
    lambda: f(1, b=2, c=3, d=4),
    lambda: f(1, 2, 3),
    lambda: f(1, 2, d=4),
    lambda: f(1, 2, 3, d=4, g=7),
    lambda: f(1, 2, 3, c=3, d=4),
    lambda: f(),
]
for call in calls:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
def g(x, /, **kw):
    return x, kw
print(g(1, x=2))
def h(*, only):
    return only
for call in (lambda: h(1), lambda: h(), lambda: h(only=1, other=2)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
def k(a, b=2, /, *rest, c, **kw):
    return a, b, rest, c, kw
print(k(1, c=3), k(1, 2, 3, 4, c=5, z=6))
