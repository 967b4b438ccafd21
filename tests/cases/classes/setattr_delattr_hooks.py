# __setattr__/__delattr__ hooks that validate and delegate to object.__setattr__/__delattr__.
class Strict:
    allowed = ("x", "y")
    def __init__(self):
        object.__setattr__(self, "history", [])
        self.x = 0
    def __setattr__(self, name, value):
        if name not in self.allowed:
            raise AttributeError("cannot set " + name)
        self.history.append(("set", name, value))
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        if name == "x":
            raise AttributeError("x is permanent")
        self.history.append(("del", name))
        object.__delattr__(self, name)

s = Strict()
s.y = 5
s.x += 1
try:
    s.z = 1
except AttributeError as e:
    print("AttributeError:", e)
del s.y
try:
    del s.x
except AttributeError as e:
    print("AttributeError:", e)
try:
    del s.y
except AttributeError as e:
    print("AttributeError:", e)
setattr(s, "y", 9)
print(s.history)
print(s.x, s.y, sorted(vars(s)))
