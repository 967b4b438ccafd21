# Tuple indexing and slicing (slices are tuples).
t = (0, 1, 2, 3, 4, 5)
print(t[0], t[-1], t[2:4], t[::-1], t[::2], t[4:1:-1])
print(t[1:1], t[:], type(t[1:3]))
try:
    t[6]
except IndexError as e:
    print('IndexError:', e)
