# range edge cases and iteration helpers: negative steps, slicing/indexing ranges, zip, enumerate start, reversed.
print(list(range(10, 0, -3)), list(range(0)), list(range(5, 5)), list(range(-3, 3, 2)))
r = range(2, 20, 3)
print(len(r), r[0], r[-1], r[2:4], r[::-1], 11 in r, 12 in r)
print(range(0, 10, 2) == range(0, 9, 2), range(0) == range(5, 2))
try:
    range(1, 5, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    r[100]
except IndexError as e:
    print("IndexError:", e)
print(list(zip("abc", [1, 2, 3, 4], (True, False, None))))
print(list(enumerate("xyz", start=10)))
print(list(reversed([1, 2, 3])), list(reversed(range(4))), "".join(reversed("abc")))
pairs = [(1, "one"), (2, "two")]
nums, words = list(zip(*pairs))
print(nums, words)
print(sorted("banana"), sorted([3, 1, 2], reverse=True), sorted(["bb", "a", "ccc"], key=len))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(filter(None, [0, 1, "", "x", None])))
total = 0
for i in range(100, 0, -7):
    total += i
print(total, i)
print(any(x > 2 for x in range(4)), all([]), any([]), min(range(5, 10)), max("hello"))
