# A local returned from a function is not freed; other locals are.
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def make():
    keep = Res('kept')
    tmp = Res('temporary')
    return keep
r = make()
print('got', r.name)
make()
print('discarded result freed above')
del r
print('end')
