# collections.Counter: counting, most_common, elements, update/subtract, operators, comparisons, repr order, missing keys
from collections import Counter

c = Counter("abracadabra")
print(c)
print(c["a"], c["zzz"], "zzz" in c)
print(c.most_common(2), c.most_common())
print(sorted(c.elements()))
print(c.total())
c.update("aaz")
c.update({"b": 10})
print(c)
c.subtract(a=20)
print(c)
print(+c, -c)
a = Counter(a=3, b=1)
b = Counter(a=1, b=2, c=5)
print(a + b, a - b, a | b, a & b)
print(a == Counter(a=3, b=1, z=0), a < b, a <= Counter(a=3, b=1), Counter(a=1) < Counter(a=2))
del a["nope"]
a += Counter(b=-1)
print(a)
print(Counter(), Counter(x=0), repr(Counter({"a": 1, "b": 3})))
try:
    Counter.fromkeys("ab")
except NotImplementedError as e:
    print(e)
print(Counter(["x", "y", "x"]) == {"x": 2, "y": 1})
