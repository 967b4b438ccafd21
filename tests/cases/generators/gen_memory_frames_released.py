# Generator locals are released when the generator finishes or is closed, in order.
class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("freed", self.name)

def producer():
    a = Tracked("a")
    yield 1
    b = Tracked("b")
    yield 2
    print("last line")

g = producer()
print(next(g))
print(next(g))
print("exhausting")
print(next(g, "done"))
print("---")
g2 = producer()
next(g2)
next(g2)
print("closing")
g2.close()
print("---")
g3 = producer()
next(g3)
print("dropping")
del g3
print("end")
