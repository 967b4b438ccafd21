# Calling with wrong arguments raises TypeError with CPython's exact messages.
def f(a, b, c=3):
    return a + b + c
print(f(1, 2))
try:
    f(1)
except TypeError as e:
    print(e)
try:
    f()
except TypeError as e:
    print(e)
try:
    f(1, 2, 3, 4)
except TypeError as e:
    print(e)
try:
    f(1, 2, z=5)
except TypeError as e:
    print(e)
try:
    f(1, 2, a=5)
except TypeError as e:
    print(e)
def g():
    return 'g'
try:
    g(1)
except TypeError as e:
    print(e)
try:
    n = 5
    n()
except TypeError as e:
    print(e)
