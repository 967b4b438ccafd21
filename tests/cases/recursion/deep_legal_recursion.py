# Recursion to depth 900 stays within the default limit.
def count(n):
    if n == 0:
        return 0
    return 1 + count(n - 1)
def build(n):
    if n == 0:
        return []
    rest = build(n - 1)
    rest.append(n)
    return rest
print(count(900))
l = build(900)
print(len(l), l[0], l[-1], sum(l))
