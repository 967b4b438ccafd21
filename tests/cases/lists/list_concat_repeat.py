# + makes a new list; * repeats it; neither modifies the operands.
a = [1, 2]
b = [3]
c = a + b
print(c, a, b, c is a)
print(a * 3, 2 * b, [] * 5, a * 0, a * -1)
print([0] * 4, ['x', 'y'] * 2)
try:
    a + (3,)
except TypeError as e:
    print('TypeError:', e)
