# Unbounded recursion raises RecursionError, which can be caught; recursion works afterwards.
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print('caught:', e)
    print(type(e), isinstance(e, RuntimeError))
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print(depth(100))
try:
    forever(0)
except RecursionError:
    print('caught again')
