# Unpacking in displays and calls: [*a, *b], (*a,), {**d1, **d2} precedence, and errors for non-iterables.
a = [1, 2]
t = (3, 4)
s = "xy"
print([*a, *t, *s], (*a, 0, *range(2)), [*a])
print(*a, *t, sep=",")
d1 = {"k": 1, "x": 1}
d2 = {"k": 2, "y": 2}
print({**d1, **d2}, {**d2, **d1}, {**d1, "k": 99}, {"k": 0, **d1})
print({**{}}, [*()], (*[],))
first, *_ = [*"abc", *"def"]
print(first, _)
nested = [[*row, 0] for row in ([1], [2, 3])]
print(nested)
try:
    [*5]
except TypeError as e:
    print("TypeError:", e)
try:
    {**{1: 2}, **None}
except TypeError as e:
    print("TypeError:", e)
merged = dict(d1, **d2)
print(merged, dict(a=1, **{"b": 2}))
