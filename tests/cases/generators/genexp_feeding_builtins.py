# Generator expressions consumed by sum/any/all/min/max/sorted, short-circuiting and laziness.
seen = []
def probe(x):
    seen.append(x)
    return x
nums = [4, -1, 7, 0, 3]
print(sum(x * x for x in nums), sum((x for x in nums), 100))
print(any(probe(x) < 0 for x in nums), seen)
seen.clear()
print(all(probe(x) > 0 for x in nums), seen)
print(min(x for x in nums if x > 0), max((abs(x), x) for x in nums))
print(min((x for x in []), default="empty"), max((len(w) for w in ["a", "abc"]), default=0))
print(sorted((w for w in "the quick brown fox".split()), key=len))
print("-".join(str(x) for x in range(5)), tuple(c.upper() for c in "ab"))
g = (probe(x) for x in range(3))
seen.clear()
print(seen, next(g), seen, list(g), seen)
print(list(g))
try:
    min(x for x in [])
except ValueError as e:
    print("ValueError:", e)
words = ["apple", "bob", "kayak", "level", "xyz"]
print(sum(1 for w in words if w == w[::-1]))
print(max(words, key=lambda w: (len(w), w)), min(words, key=len))
matrix = [[1, 2], [3, 4]]
print(sum(sum(row) for row in matrix), list(x for row in matrix for x in row if x % 2))
