# Removing an item from a list (pop, del, remove, overwrite) frees it immediately if unreferenced.
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
l = [Res('a'), Res('b'), Res('c'), Res('d'), Res('e')]
l.pop()
print('after pop')
kept = l.pop(0)
print('after pop(0), kept', kept.name)
del l[0]
print('after del l[0]')
l[0] = None
print('after overwrite')
l.remove(l[1])
print('after remove', l)
del kept
print('end')
