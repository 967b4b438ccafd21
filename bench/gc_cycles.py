# Cyclic garbage: a million rounds of small reference cycles (two instances
# pointing at each other, a self-referencing list, a dict holding itself),
# freed only by the cycle collector's automatic young collections.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


def make_cycles(n):
    for i in range(n):
        a = Node(i)
        b = Node(i + 1)
        a.other = b
        b.other = a
        l = [i]
        l.append(l)
        d = {"i": i}
        d["self"] = d


make_cycles(1_000_000)
gc.collect()
stats = gc.get_stats()
print("collections happened:", stats[0]["collections"] > 100)
print("left behind:", gc.collect())
