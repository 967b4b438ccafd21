# Objects held only by a list: getrefcount of an element is 2, and shared elements count each slot.
import sys
l = [object(), object()]
print(sys.getrefcount(l[0]))
l.append(l[0])
print(sys.getrefcount(l[0]), sys.getrefcount(l[1]))
x = l[1]
print(sys.getrefcount(l[1]))
m = l[:]
print(sys.getrefcount(l[0]), sys.getrefcount(x))
del m
print(sys.getrefcount(l[0]))
nested = [[object()]]
print(sys.getrefcount(nested[0]), sys.getrefcount(nested[0][0]))
