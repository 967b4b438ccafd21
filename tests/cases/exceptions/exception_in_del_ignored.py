# An exception raised in __del__ is not propagated; CPython reports it on stderr as unraisable.
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
        raise ValueError("from del " + self.name)

def make():
    n = Noisy("local")
    print("made")
make()
print("after make")
x = Noisy("global")
del x
print("after del")
try:
    y = Noisy("in try")
    y = None
    print("no exception escaped")
except ValueError:
    print("should not happen")
print("end")
