# Keyword arguments bind by name in any order, after positional ones.
def describe(a, b, c=3, d=4):
    print('a', a, 'b', b, 'c', c, 'd', d)
describe(1, 2)
describe(b=20, a=10)
describe(1, d=40, b=2)
describe(1, 2, 3, 4)
describe(d='D', c='C', b='B', a='A')
