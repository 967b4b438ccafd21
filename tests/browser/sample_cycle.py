# Fixture for the page's collector view (sample_cycle.json; see README.md):
# two objects in a cycle become garbage, then the collector frees them.
import gc
gc.disable()

class Node:
    pass

a = Node()
b = Node()
a.partner = b
b.partner = a
a.data = {"key": [1, 2], 3: (4, 5)}
del a, b
print("collected", gc.collect())
for i in range(50):
    pass
print("done")
