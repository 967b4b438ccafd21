# An exception raised in a function called from a loop stops the loop on the bad item.
def invert(x):
    return 10 // x
for v in [5, 2, 1, 0, 3]:
    print(v, invert(v))
print('not reached')
