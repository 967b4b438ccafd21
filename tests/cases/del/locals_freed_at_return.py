# A function's locals are freed when it returns, in order of parameters then first assignment.
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def work(p1, p2):
    c = Res('c')
    a = Res('a')
    b = Res('b')
    c = Res('c2')
    print('returning')
    return 'done'
print(work(Res('p1'), Res('p2')))
print('after call')
