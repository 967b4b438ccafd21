# __iter__ written as a generator; iterating twice gives fresh generators.
class Countdown:
    def __init__(self, start):
        self.start = start
    def __iter__(self):
        n = self.start
        while n > 0:
            yield n
            n -= 1

c = Countdown(3)
print(list(c), list(c))
print(sum(c), max(c), sorted(c))
it = iter(c)
print(type(it).__name__, next(it))
class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children
    def __iter__(self):
        yield self.value
        for child in self.children:
            yield from child
t = Tree(1, Tree(2, Tree(4)), Tree(3))
print(list(t))
