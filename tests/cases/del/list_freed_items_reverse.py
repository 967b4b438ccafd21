# Freeing a list frees its items from last to first.
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
l = [Res('0'), Res('1'), Res('2'), Res('3')]
print('dropping list')
l = None
print('tuple:')
t = (Res('t0'), Res('t1'), Res('t2'))
del t
print('end')
