# Simple recursive functions: factorial, fibonacci, sum of a nested list.
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
def deep_sum(x):
    if type(x) is list:
        total = 0
        for item in x:
            total += deep_sum(item)
        return total
    return x
print(fact(10), fact(30))
print(fib(20))
print(deep_sum([1, [2, [3, [4, [5]]]], 6]))
