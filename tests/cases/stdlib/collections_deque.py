# collections.deque: maxlen, both ends, rotate, index/insert/remove/count, indexing, reprs, equality, errors
from collections import deque


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1])
d.extendleft([-1, -2])
d.extend("ab")
print(d)
print(d.pop(), d.popleft(), d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
print(d.index(2), d.index(2, 1), d.count(1))
d.insert(1, "x")
d.remove("x")
d.reverse()
print(d, 3 in d, 99 in d)
d[0] = "first"
del d[1]
print(d, list(reversed(d)))
c = d.copy()
print(c == d, c is d, c != d, deque([1, 2]) < deque([1, 3]))
print(deque([1, 2]) == [1, 2])
d.clear()
print(d, bool(d))

m = deque(range(5), maxlen=3)
print(m, m.maxlen)
m.append(9)
m.appendleft(7)
print(m)
print(deque([], maxlen=3), deque(maxlen=0))
print(deque("ab") * 2, deque("ab") + deque("cd"))
r = deque([1])
r.append(r)
print(r)

attempt(lambda: deque().pop())
attempt(lambda: deque().popleft())
attempt(lambda: deque([1]).index(5))
attempt(lambda: deque([1]).remove(5))
attempt(lambda: deque([1], maxlen=1).insert(0, 2))
attempt(lambda: deque([1])[5])
attempt(lambda: deque(maxlen=-1))
attempt(lambda: deque(maxlen="a"))
attempt(lambda: deque() + [1])
it = iter(deque([1, 2]))
dd = deque([1, 2])
it = iter(dd)
next(it)
dd.append(3)
attempt(lambda: next(it))
