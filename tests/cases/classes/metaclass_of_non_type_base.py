# without metaclass=, the metaclass is the class of the first base even when that base is not a class (CPython calls it)
class Maker:
    def __init__(self, *args):
        self.args = args
made = Maker()
class X(made):
    attr = 1
print(type(X).__name__, X.args[0], X.args[1][0] is made, sorted(k for k in X.args[2] if not k.startswith("__")))
try:
    class Y(3):
        pass
except TypeError as e:
    print("TypeError", e)
