# Properties across inheritance: overriding getter only, extending via .setter on parent property, deleters.
class Base:
    def __init__(self):
        self._v = 1
    @property
    def value(self):
        return self._v
    @value.setter
    def value(self, new):
        print("Base setter", new)
        self._v = new

class ReadOnly(Base):
    @property
    def value(self):
        return self._v * 10

class Extended(Base):
    @Base.value.setter
    def value(self, new):
        print("Extended setter", new)
        self._v = new + 100
    @value.deleter
    def value(self):
        print("deleting")
        self._v = 0

b = Base(); b.value = 5; print(b.value)
r = ReadOnly(); print(r.value)
try:
    r.value = 3
except AttributeError as e:
    print("AttributeError:", e)
e = Extended(); e.value = 7; print(e.value)
del e.value; print(e.value)
try:
    del b.value
except AttributeError as err:
    print("AttributeError:", err)
print(type(Base.__dict__["value"]).__name__, Base.value.fget.__name__)
print(Base.value is Extended.value, Extended.value.fget is Base.value.fget)
