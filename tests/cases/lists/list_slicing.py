# List slices copy: bounds, negative indices and steps.
l = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
print(l[2:5], l[:3], l[7:], l[-3:], l[:-7], l[-5:-2])
print(l[::2], l[1::3], l[::-1], l[8:2:-2], l[-1:-4:-1])
print(l[5:2], l[100:], l[-100:2])
c = l[:]
c.append(10)
print(len(l), len(c), c is l, c[:10] == l)
nested = [[1], [2]]
copy = nested[:]
copy[0].append('shared')
print(nested)
