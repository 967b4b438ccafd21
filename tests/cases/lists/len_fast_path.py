# len(x) of an exact str, tuple, list or dict takes the fast path (CPython's
# PRECALL_NO_KW_LEN); subclasses, classes with __len__, other types and bad
# calls take the general one, with CPython's results and messages.
import sys

print(len("héllo"), len(""), len((1, 2, 3)), len([]), len([1] * 7), len({1: 2, 3: 4}))
print(len({1, 2}), len(b"ab"), len(range(10)), len(frozenset()))


class L(list):
    def __len__(self):
        return 42


class Sized:
    def __len__(self):
        return 3


print(len(L([1, 2])), len(Sized()))


class Holder:
    f = len


print(Holder.f([1, 2]))
try:
    print(Holder().f([1, 2]))
except TypeError as e:
    print("TypeError:", e)
for bad in (5, None, 1.5):
    try:
        len(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    len()
except TypeError as e:
    print("TypeError:", e)
try:
    len([1], [2])
except TypeError as e:
    print("TypeError:", e)

# The argument's count is released: a temporary dies, a named one keeps
# its count.
x = [1, 2, 3]
before = sys.getrefcount(x)
n = len(x)
print(n, sys.getrefcount(x) == before)


class Tracked:
    def __del__(self):
        print("freed")


t = (Tracked(),)
print(len(t))
del t
print(len([Tracked()]))
print("end")
