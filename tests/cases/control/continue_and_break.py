# continue skips to the next iteration; break exits only the innermost loop.
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print('odd', i)
for i in range(3):
    for j in range(3):
        if j == i:
            break
        print(i, j)
n = 0
total = 0
while True:
    n += 1
    if n % 3 == 0:
        continue
    if n > 10:
        break
    total += n
print(total)
