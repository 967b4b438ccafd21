# An object in two containers is freed only when the last container lets go of it.
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
shared = Res('shared')
a = [shared]
b = {'s': shared}
del shared
print('name gone')
a.pop()
print('list slot gone')
b.pop('s')
print('dict slot gone')
