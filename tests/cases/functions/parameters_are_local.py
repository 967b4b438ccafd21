# Rebinding a parameter does not affect the caller; mutating the object does.
def rebind(lst, n):
    lst = ['new']
    n = n + 1
    return lst, n
def mutate(lst):
    lst.append('mutated')
orig = [1]
num = 5
print(rebind(orig, num), orig, num)
mutate(orig)
print(orig)
def count_down(n):
    while n > 0:
        n -= 1
    return n
start = 3
print(count_down(start), start)
