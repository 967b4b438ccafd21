# Many calls to small functions from loops accumulate correctly.
def add(a, b):
    return a + b
def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True
total = 0
for i in range(1000):
    total = add(total, i)
print(total)
primes = []
for n in range(60):
    if is_prime(n):
        primes.append(n)
print(primes)
