# With DEBUG_SAVEALL, collected objects are appended to gc.garbage instead of freed; clearing it lets them be collected again.
import gc
gc.disable()
gc.collect()
print(gc.garbage, type(gc.garbage).__name__)
class Node:
    pass
n = Node()
n.stuff = [{'owner': n}, (n, 'tag')]
del n
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.collect())
print(sorted([type(o).__name__ for o in gc.garbage]))
nodes = [o for o in gc.garbage if type(o) is Node]
print(len(nodes), nodes[0].stuff[0]['owner'] is nodes[0])
del nodes
gc.set_debug(0)
count = len(gc.garbage)
del gc.garbage[:]
print(count, gc.collect(), gc.garbage)
