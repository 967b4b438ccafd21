# Freeing an instance runs its __del__ first, then frees its attributes in the order they were set.
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
class Owner:
    def __init__(self):
        self.second = None
        self.first = Res('first')
        self.second = Res('second')
        self.third = Res('third')
    def __del__(self):
        print('del owner')
o = Owner()
o.zeta = Res('zeta')
o.alpha = Res('alpha')
print('dropping owner')
del o
print('end')
