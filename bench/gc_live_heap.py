# Young collections next to a large live heap: about a million long-lived
# objects stay reachable while a churn of cyclic garbage triggers thousands
# of automatic collections. A young collection should cost what the young
# generation holds, not the whole heap.
import gc


class Leaf:
    def __init__(self, v):
        self.v = v


live = [[Leaf(i), i] for i in range(350_000)]

for i in range(1_500_000):
    junk = [i]
    junk.append(junk)

for g in range(3):
    gc.collect(g)

print(len(live), live[-1][1], gc.collect())
