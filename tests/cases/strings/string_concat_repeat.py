# + concatenates strings and * repeats them (int on either side, <= 0 gives empty).
a = 'ab'
b = 'cd'
print(a + b, a * 3, 3 * a, repr(a * 0), repr(a * -2))
s = ''
for i in range(5):
    s += str(i)
print(s)
print('-' * 20)
print(('x' + 'y') * 2 + 'z')
try:
    print('a' + 1)
except TypeError as e:
    print('TypeError:', e)
try:
    print('a' * 'b')
except TypeError as e:
    print('TypeError:', e)
