# An object that is never bound is freed right after the expression that used it.
class Res:
    def __init__(self, name):
        self.name = name
        print('init', name)
    def __del__(self):
        print('del', self.name)
    def hello(self):
        print('hello from', self.name)
        return 1
Res('statement')
print('next')
Res('method').hello()
print('value', Res('arg').hello() + 1)
print('end')
