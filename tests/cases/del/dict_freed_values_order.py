# Freeing a dict frees its values in insertion order; deleting a key frees that value.
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
d = {'x': Res('x'), 'a': Res('a'), 'm': Res('m')}
d['b'] = Res('b')
del d['a']
print('after del key')
d['x'] = Res('x2')
print('after overwrite')
print('dropping dict')
d = None
print('end')
