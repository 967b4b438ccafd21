# String slices with omitted bounds, negative bounds, steps and out-of-range bounds.
s = 'abcdefghij'
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3], s[-5:-2])
print(s[::2], s[1::3], s[::-1], s[8:2:-2], s[-1:-4:-1])
print(repr(s[5:2]), repr(s[100:]), s[-100:3], s[3:100])
print(s[::-3], s[2:8:3])
t = s[:]
print(t == s)
try:
    s[::0]
except ValueError as e:
    print('ValueError:', e)
