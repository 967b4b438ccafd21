# Returning several values returns a tuple, which callers can unpack.
def divmod_(a, b):
    return a // b, a % b
q, r = divmod_(17, 5)
print(q, r)
res = divmod_(-17, 5)
print(res, type(res))
def min_max(items):
    lo = items[0]
    hi = items[0]
    for x in items:
        if x < lo:
            lo = x
        if x > hi:
            hi = x
    return lo, hi
print(min_max([3, -1, 7, 2]))
def nothing():
    return
def implicit():
    x = 1
print(nothing(), implicit())
