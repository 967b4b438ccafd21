# Cyclic garbage still counted (highlighted) until the collector frees it; labelled references.
import gc, ouro
gc.disable()
class Node:
    pass
a = Node()
b = Node()
a.partner = b
b.partner = a
a.data = {"key": [1, 2], 3: (4, 5)}
del a, b
ouro.snapshot("before collect")
gc.collect()
ouro.snapshot("after collect")
