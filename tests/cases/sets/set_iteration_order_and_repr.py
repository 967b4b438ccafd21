# Iteration order and repr follow CPython's table: ints, negatives, strs, tuples, floats, growth through resizes, dummies, pop and copies.
print({-1, -2, -3, 0, 5})
print(set([8, 16, 1, 24, 0]))
print(set(['banana', 'apple', 'cherry', 'date']))
print(set([(1, 2), (2, 1), (0, 0), (-1, 5)]))
print(set([0.5, 1.5, 2.25, -3.75, 1e100]))
print(set([1, 1.0, True, 2, 2.0]))
n = []
s = set()
for i in range(0, 300, 7):
    s.add(i * 31 % 97)
    n.append(len(s))
print(s)
print(n[-1], list(s)[:10])
big = set()
for i in range(2000):
    big.add(i * 2654435761 % 4096)
print(len(big), list(big)[:12], list(big)[-12:])
t = set(range(20))
for i in range(0, 20, 3):
    t.discard(i)
print(t)
for i in range(100, 120):
    t.add(i)
print(t)
t.add(0)
t.add(3)
print(t)
p = set(range(12)) | {100, 200, 300}
order = []
while p:
    order.append(p.pop())
print(order)
q = set([1, 2, 3, 4, 16])
print(q, set(q), q.copy(), frozenset(q))
w = set()
for k in ['x', 'y', 'z', 'w', 'v', 'u', 'tt', 'ss']:
    w.add(k)
    w.discard('y')
print(w, list(w))
print(repr(set()), repr(frozenset()), str({1}), repr(frozenset([3, 1])))
class S(set):
    pass
class F(frozenset):
    pass
print(S(), S([2, 1]), F(), F('ab') == {'a', 'b'}, repr(F([5])))
def make():
    class Inner(set):
        pass
    return Inner([1])
print(make())
print(list(reversed(sorted({10, 5, 7}))), sorted(set('hello')), max({3, 8, 1}), sum(frozenset([1, 2])))
print([x for x in set([5, 3, 11])], tuple({7, 1}), dict.fromkeys({2, 1}, 0))
