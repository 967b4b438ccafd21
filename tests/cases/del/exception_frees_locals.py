# Locals of a function that raises are freed once the exception is handled and discarded.
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def fail():
    r = Res('local')
    raise ValueError('boom')
try:
    fail()
except ValueError:
    print('in handler')
print('after try')
