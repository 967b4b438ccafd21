# Class attributes are shared; assigning through an instance creates a shadowing instance attribute.
class Counter:
    total = 0
    kind = 'counter'
    def __init__(self):
        Counter.total += 1
a = Counter()
b = Counter()
print(Counter.total, a.total, b.total)
a.kind = 'special'
print(a.kind, b.kind, Counter.kind)
Counter.kind = 'changed'
print(a.kind, b.kind)
del a.kind
print(a.kind)
class Shared:
    items = []
s1 = Shared()
s2 = Shared()
s1.items.append('x')
print(s2.items, Shared.items is s1.items)
