# min() and max() take one item at a time and key it as it comes: the
# iterator's and the key's side effects interleave, as in CPython.
def items():
    for i in [3, 1, 2]:
        print("yield", i)
        yield i

def key(v):
    print("key", v)
    return -v

print(min(items(), key=key))
print(max(items(), key=key))
print(min(items()))
print(max(3, 1, 2, key=key))
try:
    min((x for x in [1, 2, "a"]), key=key)
except TypeError as e:
    print("TypeError:", e)
print(min([], default="empty"))
print(max(iter([5]), key=key, default=None))
