# Infinite generators stopped by break, take-while helpers and chained generator pipelines.
def naturals(start=1):
    n = start
    while True:
        yield n
        n += 1
def primes():
    found = []
    for n in naturals(2):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
for p in primes():
    if p > 40:
        break
    print(p, end=" ")
print()
def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x
def take_while(pred, it):
    for x in it:
        if not pred(x):
            break
        yield x
print(list(take(5, (x * x for x in naturals()))))
print(list(take_while(lambda x: x < 30, (2 ** k for k in naturals(0)))))
def collatz(n):
    while True:
        yield n
        if n == 1:
            return
        n = n // 2 if n % 2 == 0 else 3 * n + 1
print(list(collatz(6)), sum(1 for _ in collatz(27)))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
for i, f in enumerate(fib()):
    if f > 1000:
        break
print("first fib over 1000 is #%d = %d" % (i, f))
