# RecursionError from mutually recursive methods is caught and the object stays usable.
class Walker:
    def __init__(self):
        self.steps = 0
    def left(self):
        self.steps += 1
        return self.right()
    def right(self):
        self.steps += 1
        return self.left()
w = Walker()
try:
    w.left()
except RecursionError as e:
    print('caught', e)
print(w.steps > 100)
w.steps = 0
print(w.steps)
