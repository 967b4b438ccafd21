# sys.getsizeof of the objects whose ouro layout equals CPython 3.11's (COMPATIBILITY.md lists the rest).
import sys
class Empty:
    pass
print(sys.getsizeof([]), sys.getsizeof(()), sys.getsizeof((1,)), sys.getsizeof([None] * 5))
print(sys.getsizeof(range(10)), sys.getsizeof(1.0), sys.getsizeof(object()), sys.getsizeof(Empty()))
print(sys.getsizeof({}), sys.getsizeof({1: 2}), sys.getsizeof({i: i for i in range(6)}))
print(sys.getsizeof(2 ** 64), sys.getsizeof(-2 ** 64), sys.getsizeof(2 ** 100))
sizes = []
l = []
for i in range(20):
    l.append(i)
    sizes.append(sys.getsizeof(l))
print(sizes)
sizes = []
d = {}
for i in range(25):
    d[i] = i
    sizes.append(sys.getsizeof(d))
print(sizes)
# Sets keep CPython's 8-entry small table: 216 bytes, frozensets too.
print(sys.getsizeof(set()), sys.getsizeof({1, 2, 3}), sys.getsizeof(frozenset()))
# A list built by a comprehension grows as list.append grows it.
print([sys.getsizeof([x for x in range(n)]) for n in range(0, 40, 3)])
