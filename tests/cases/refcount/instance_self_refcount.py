# Refcounts of instances held by names, lists and other instances' attributes.
import sys
class Node:
    def __init__(self):
        self.child = None
a = Node()
b = Node()
print(sys.getrefcount(a), sys.getrefcount(b))
a.child = b
print(sys.getrefcount(b))
nodes = [a, b]
print(sys.getrefcount(a), sys.getrefcount(b))
a.child = None
del nodes
print(sys.getrefcount(a), sys.getrefcount(b))
