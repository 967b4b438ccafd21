# Unbounded recursion ends in a RecursionError traceback with repeated lines collapsed.
def forever(n):
    return forever(n + 1)
print('start')
forever(0)
