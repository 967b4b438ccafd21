# object() creates distinct featureless objects comparable only by identity.
a = object()
b = object()
print(a is b, a == b, a != b, a == a)
print(type(a) is object, isinstance(a, object))
try:
    a.x = 1
except AttributeError as e:
    print('AttributeError:', e)
l = [a, b]
print(l[0] is a, l.index(b))
