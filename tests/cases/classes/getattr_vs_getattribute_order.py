# __getattribute__ runs for every lookup; __getattr__ only as a fallback after AttributeError.
class Fallback:
    cls_attr = "class"
    def __init__(self):
        self.inst = "instance"
    def __getattr__(self, name):
        print("  __getattr__", name)
        if name.startswith("dyn_"):
            return name[4:]
        raise AttributeError(name)

f = Fallback()
print(f.inst, f.cls_attr)
print(f.dyn_value)
print(getattr(f, "missing", "default"))
print(hasattr(f, "nope"))

class Logged:
    def __init__(self):
        self.a = 1
    def __getattribute__(self, name):
        if not name.startswith("__"):
            print("  __getattribute__", name)
        if name == "boom":
            raise AttributeError("boom not here")
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        print("  __getattr__", name)
        return "fallback:" + name
    def method(self):
        return self.a

g = Logged()
print(g.a)
print(g.method())
print(g.boom)
print(g.other)
