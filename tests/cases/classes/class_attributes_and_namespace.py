# Class bodies are namespaces; class vs instance attributes; __dict__ views.
class Config:
    debug = False
    levels = ["info"]
    def enable(self):
        self.debug = True
a, b = Config(), Config()
a.enable()
a.levels.append("warn")
print(a.debug, b.debug, Config.debug, b.levels)
print("debug" in a.__dict__, "debug" in b.__dict__, sorted(k for k in Config.__dict__ if not k.startswith("__")))
Config.debug = "changed"
print(b.debug, a.debug)
del a.debug
print(a.debug)
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        self.id = Counter.count
cs = [Counter() for _ in range(3)]
print([c.id for c in cs], Counter.count)
print(type(Config.enable).__name__, type(a.enable).__name__, a.enable.__self__ is a)
