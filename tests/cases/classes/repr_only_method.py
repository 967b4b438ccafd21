# With only __repr__ defined, str() and print fall back to it.
class Tag:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return '<Tag ' + self.name + '>'
t = Tag('b')
print(t)
print(str(t), repr(t), [t, Tag('i')])
