# __del__ runs as soon as the last reference is removed with del, not before.
class Res:
    def __init__(self, name):
        self.name = name
        print('init', name)
    def __del__(self):
        print('del', self.name)
a = Res('a')
b = a
print('deleting first name')
del a
print('deleting second name')
del b
print('end')
