# A while loop with data-dependent exit (Collatz sequence lengths).
def collatz_len(n):
    steps = 0
    while n != 1:
        if n % 2:
            n = 3 * n + 1
        else:
            n //= 2
        steps += 1
    return steps
best = 0
best_n = 0
for n in range(1, 1000):
    s = collatz_len(n)
    if s > best:
        best = s
        best_n = n
print(best_n, best)
print(collatz_len(27), collatz_len(2 ** 100 + 1))
