# repr of tuples: empty, one-element with trailing comma, nested.
print(())
print((1,))
print((1, 2))
print(((1,),))
print((1, (2, (3,)), 'x', None))
t = 5,
print(t, len(t), type(t))
print((1), (1,) == (1,))
print(('a',) * 3)
