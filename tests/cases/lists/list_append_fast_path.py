# l.append(x) on an exact list moves x straight into the list (CPython's PRECALL_NO_KW_LIST_APPEND); subclasses that override append, the unbound and bound forms, wrong argument counts and the counts of the item and the list must behave as before
import sys

l = [1, 2]
l.append(3)
l.append(l)
print(len(l), l[:3], l[3] is l)
x = "".join(["it", "em"])
before = sys.getrefcount(x)
m = []
for _ in range(5):
    m.append(x)
print(sys.getrefcount(x) - before, len(m))
del m
print(sys.getrefcount(x) - before)
lc = [7]
before = sys.getrefcount(lc)
lc.append(8)
print(sys.getrefcount(lc) - before, lc)


class Logged(list):
    def append(self, v):
        print("Logged.append", v)
        super().append(v * 10)


g = Logged()
g.append(4)
print(g)


class Plain(list):
    pass


p = Plain()
p.append(5)
print(p, type(p).__name__)
list.append(p, 6)
a = p.append
a(7)
print(p)
try:
    l.append()
except TypeError as e:
    print(e)
try:
    l.append(1, 2)
except TypeError as e:
    print(e)
try:
    list.append((), 1)
except TypeError as e:
    print(e)
big = []
for i in range(1000):
    big.append(i * i)
print(sum(big), len(big), sys.getsizeof([]) < sys.getsizeof(big))


class Weird:
    append = list.append


try:
    Weird().append(1)
except TypeError as e:
    print(e)
