# A walrus in a comprehension binds in the enclosing function, or globally if the function says global.
def local_binding():
    [last := x for x in range(3)]
    return last

def global_binding():
    global seen
    [seen := x * 10 for x in range(4)]
    return "seen" in globals()

def nonlocal_binding():
    total = 0
    def inner():
        nonlocal total
        [total := total + x for x in range(5)]
    inner()
    return total

print(local_binding(), "last" in globals())
print(global_binding(), seen)
print(nonlocal_binding())
