# Unpacking assignment accepts any iterable: iterators from zip, map, filter, enumerate, reversed, dict views.
pairs = [(1, "one"), (2, "two")]
nums, words = zip(*pairs)
print(nums, words)
a, b = map(str.upper, ["x", "y"])
print(a, b)
first, *rest = filter(None, [0, 3, 0, 4, 5])
print(first, rest)
(i0, v0), (i1, v1) = enumerate("pq")
print(i0, v0, i1, v1)
x, y, z = reversed([1, 2, 3])
print(x, y, z)
k1, k2 = {"a": 1, "b": 2}
v1, v2 = {"a": 1, "b": 2}.values()
print(k1, k2, v1, v2)
try:
    p, q = zip([1, 2, 3], "abc")
except ValueError as e:
    print("ValueError:", e)
for n, w in zip(*zip(*pairs)):
    print(n, w)
print([*zip("ab", "cd")], [*map(len, ["", "aa"])])
