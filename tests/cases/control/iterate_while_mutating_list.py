# Iterating a list with for sees appends made during the loop (index-based iteration).
l = [1, 2, 3]
for x in l:
    if x < 3:
        l.append(x + 10)
    print(x)
print(l)
m = [1, 2, 3, 4]
for x in m:
    m.remove(x)
print(m)
