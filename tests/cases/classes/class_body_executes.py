# A class body runs once at definition time, top to bottom.
print('before class')
class Config:
    print('in class body')
    size = 2 * 3
    names = ['a', 'b']
    doubled = size * 2
    def method(self):
        return self.size
print('after class')
print(Config.size, Config.doubled, Config.names, Config().method())
