# Rebinding the only name frees the old object after the new one is created.
class Res:
    def __init__(self, name):
        self.name = name
        print('init', name)
    def __del__(self):
        print('del', self.name)
x = Res('first')
x = Res('second')
print('rebinding to None')
x = None
print('in a loop:')
for i in range(3):
    y = Res('loop' + str(i))
print('after loop')
y = 0
print('end')
