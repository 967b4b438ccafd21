# Assigning wrongly typed values to function attributes raises TypeError; deleting some is refused.
def f(a=1, *, b=2):
    return a, b
attempts = [
    ("__name__", 5),
    ("__qualname__", None),
    ("__defaults__", [1]),
    ("__kwdefaults__", [("b", 3)]),
    ("__doc__", 12),
    ("__module__", 3),
]
for name, value in attempts:
    try:
        setattr(f, name, value)
        print("set", name, repr(getattr(f, name)))
    except TypeError as e:
        print("TypeError:", e)
for name in ("__name__", "__qualname__", "__defaults__", "__doc__"):
    try:
        delattr(f, name)
        print("deleted", name, repr(getattr(f, name)))
    except TypeError as e:
        print("TypeError:", e)
print(f(0), f.__name__)
