# Wrong number of values to unpack raises ValueError with CPython's messages.
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print('ValueError:', e)
try:
    a, b, c = (1, 2)
except ValueError as e:
    print('ValueError:', e)
try:
    a, b = 5
except TypeError as e:
    print('TypeError:', e)
a, b = 'ok'
print(a, b)
