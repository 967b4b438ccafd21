# frozenset hashes (CPython's frozenset_hash), caching, identity of frozenset(f) and f.copy(), frozensets as dict keys and set members.
print(hash(frozenset()), hash(frozenset([0])), hash(frozenset([1, 2, 3])))
print(hash(frozenset(['a', 'b'])), hash(frozenset([(1, 2), -1])), hash(frozenset([frozenset([1])])))
print(hash(frozenset(range(100))), hash(frozenset([0.5, 2.5])))
a = frozenset([1, 2, 3])
b = frozenset([3, 2, 1])
print(hash(a) == hash(b), a == b, a is b)
s = set(range(50))
for i in range(0, 50, 2):
    s.discard(i)
f = frozenset(s)
print(hash(f) == hash(frozenset(range(1, 50, 2))), hash(f))
g = frozenset(range(1, 50, 2))
print(f == g, hash(f) == hash(g))
print(frozenset(a) is a, a.copy() is a, frozenset(s) is frozenset(s))
class F(frozenset):
    pass
fa = F([1, 2, 3])
print(hash(fa) == hash(a), fa == a, frozenset(fa) is fa, type(frozenset(fa)).__name__, type(fa.copy()).__name__)
d = {a: 'abc', frozenset(): 'empty'}
print(d[frozenset([2, 1, 3])], d[frozenset()], frozenset([1, 2, 3]) in d)
nested = {frozenset([1, 2]), frozenset([2, 1]), frozenset([frozenset()])}
print(len(nested), frozenset([1, 2]) in nested, {1, 2} in nested)
print({frozenset(): 1}[frozenset(set())])
print(hash(frozenset([-1])), hash(frozenset([-2])), hash(frozenset([True, 2])))
print(hash(frozenset({'x': 1})), hash(frozenset('abc')) == hash(frozenset('cba')))
