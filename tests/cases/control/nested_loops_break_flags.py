# Breaking out of nested loops: for-else on the inner loop, flag variables, and return from a function.
grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
target = 5
for r, row in enumerate(grid):
    for c, v in enumerate(row):
        if v == target:
            break
    else:
        print("row", r, "has no", target)
        continue
    print("found at", r, c)
    break
else:
    print("never found")
primes = []
for n in range(2, 30):
    for p in primes:
        if p * p > n:
            primes.append(n)
            break
        if n % p == 0:
            break
    else:
        primes.append(n)
print(primes)
count = 0
i = 0
while i < 5:
    i += 1
    j = 0
    while True:
        j += 1
        if j > i:
            break
        if (i + j) % 3 == 0:
            continue
        count += 1
print(count, i, j)
