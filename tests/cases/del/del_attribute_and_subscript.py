# del on an attribute or a dict entry holding the last reference triggers __del__.
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
class Box:
    pass
b = Box()
b.item = Res('attr')
print('deleting attribute')
del b.item
d = {'k': Res('dict value')}
print('deleting key')
del d['k']
b.item = Res('replaced')
b.item = 'string'
print('end')
