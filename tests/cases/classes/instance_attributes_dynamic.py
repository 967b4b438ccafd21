# Attributes can be added, changed and deleted on instances at any time.
class Bag:
    pass
b = Bag()
b.a = 1
b.b = [2]
b.a += 10
print(b.a, b.b)
del b.a
try:
    print(b.a)
except AttributeError as e:
    print('AttributeError:', e)
b.a = 'back'
print(b.a)
other = Bag()
other.a = 'other'
print(b.a, other.a)
