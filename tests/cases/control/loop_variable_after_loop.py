# The for loop variable keeps its last value after the loop and is rebound each iteration.
for i in range(4):
    pass
print(i)
for ch in 'xyz':
    ch = ch.upper()
print(ch)
l = [1, 2, 3]
for v in l:
    v = v * 10
print(l, v)
for k in []:
    pass
j = 'unchanged'
for j in []:
    pass
print(j)
