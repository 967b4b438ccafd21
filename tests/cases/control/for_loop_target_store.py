# `for x in ...:` stores each item into the local straight from the
# iterator in ouro (FOR_ITER fused with STORE_FAST); what the loop sees,
# what it releases and when must be the plain pair's.
import sys


class Noisy:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def loops():
    for i in range(3):
        print("range", i)
    for x in [Noisy(1), Noisy(2)]:
        print("list item", x.n, sys.getrefcount(x))
    print("after list loop, x is", x.n)
    del x
    for t in (10, 20):
        print("tuple", t)
    for c in "ab":
        print("str", c)
    for k in {"a": 1, "b": 2}:
        print("dict", k)
    for g in (n * n for n in range(3)):
        print("gen", g)
    for k, v in {"p": 1}.items():
        print("unpacked", k, v)
    items = [1, 2, 3]
    for y in items:
        if y == 1:
            items.append(4)
        print("growing", y)
    for z in []:
        print("never")
    try:
        print(z)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    for w in range(2):
        pass
    else:
        print("else, w =", w)


loops()


def dying():
    # Each item is the list's only other reference holder: storing the next
    # one releases the last, whose __del__ runs before the body prints.
    for item in (Noisy(n) for n in range(3)):
        print("body", item.n)
    print("done")


dying()
