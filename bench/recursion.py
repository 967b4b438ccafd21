# Recursive calls: naive fibonacci, Takeuchi's tak (nested calls), and a
# deep-ish recursion (depth 500) repeated many times.

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def depth_sum(n):
    if n == 0:
        return 0
    return n + depth_sum(n - 1)


def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z


print('fib(30) =', fib(30))
total = 0
for i in range(5000):
    total += depth_sum(500)
print('5000 x depth_sum(500) =', total)
total = 0
for i in range(4):
    total += tak(24, 16, 8)
print('4 x tak(24, 16, 8) =', total)
