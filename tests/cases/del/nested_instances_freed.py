# Freeing a chain of instances: each outer __del__ runs before its inner objects are freed.
class Node:
    def __init__(self, name, child):
        self.name = name
        self.child = child
    def __del__(self):
        print('del', self.name)
chain = Node('outer', Node('middle', Node('inner', None)))
print('dropping chain')
chain = None
print('end')
