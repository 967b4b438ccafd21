# Metaclasses: custom __prepare__ namespace, __new__ rewriting the namespace, __call__ controlling instantiation.
class RecordingDict(dict):
    def __init__(self):
        super().__init__()
        self.order = []
    def __setitem__(self, key, value):
        if not key.startswith("__"):
            self.order.append(key)
        super().__setitem__(key, value)

class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        return RecordingDict()
    def __new__(mcls, name, bases, ns, **kw):
        print("new", name, [b.__name__ for b in bases], ns.order)
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.field_order = tuple(ns.order)
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("init", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args):
        print("call", cls.__name__, args)
        inst = super().__call__(*args)
        inst.made_by_meta = True
        return inst

class Model(metaclass=Meta, flavour="x"):
    b = 1
    a = 2
    def method(self): return "m"
    def __init__(self, v=0):
        print("Model.__init__", v)
        self.v = v

class Child(Model):
    z = 0

print(Model.field_order, Child.field_order)
m = Child(5)
print(m.v, m.made_by_meta, type(Child).__name__, isinstance(Child, Meta))
