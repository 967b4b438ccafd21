# Big int multiplication: factorials grow past 64 bits and stay exact.
def fact(n):
    r = 1
    i = 2
    while i <= n:
        r *= i
        i += 1
    return r
print(fact(20))
print(fact(21))
print(fact(50))
print(fact(100))
print(fact(100) // fact(98))
print(len(str(fact(200))))
