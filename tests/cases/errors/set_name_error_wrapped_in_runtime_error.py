# an exception from __set_name__ during class creation becomes the cause of a RuntimeError naming the attribute and class
class D:
    def __set_name__(self, owner, name):
        raise ValueError("nope " + name)
try:
    class Q:
        a = D()
except RuntimeError as e:
    print(e, repr(e.__cause__), e.__suppress_context__)
class Q2:
    b = D()
