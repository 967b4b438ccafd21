# An exception from deep recursion propagates to the outermost handler.
def descend(n):
    if n == 0:
        raise ValueError('bottom reached')
    return descend(n - 1) + 1
try:
    descend(50)
except ValueError as e:
    print('caught:', e)
def safe_descend(n):
    try:
        return descend(n)
    except ValueError:
        return -1
print(safe_descend(10))
