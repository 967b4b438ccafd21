# __init_subclass__ with keyword arguments, defaults, and propagation along a chain.
class Plugin:
    plugins = []
    def __init_subclass__(cls, /, name=None, priority=0, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        cls.priority = priority
        Plugin.plugins.append(cls)
        print("init_subclass", cls.__name__, cls.plugin_name, priority)

class Alpha(Plugin, name="alpha", priority=2):
    pass
class Beta(Plugin):
    pass
class Gamma(Alpha, priority=5):
    pass
print([(p.plugin_name, p.priority) for p in sorted(Plugin.plugins, key=lambda p: -p.priority)])
print(hasattr(Plugin, "plugin_name"))

try:
    class Bad(Plugin, unknown=1):
        pass
except TypeError as e:
    print("TypeError:", e)

class Counting:
    def __init_subclass__(cls):
        cls.depth = getattr(cls, "depth", -1) + 1
class L1(Counting): pass
class L2(L1): pass
class L3(L2): pass
print(L1.depth, L2.depth, L3.depth)
try:
    class L4(L3, extra=True): pass
except TypeError as e:
    print("TypeError:", e)
