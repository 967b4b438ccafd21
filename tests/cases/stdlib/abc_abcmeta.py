# abc: ABC, ABCMeta, abstractmethod enforcement and message, register, __subclasshook__, isinstance/issubclass
import abc
from abc import ABC, ABCMeta, abstractmethod


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"


class Half(Shape):
    def area(self):
        return 1


class Square(Half):
    def perimeter(self):
        return 4


for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print(e)
print(Square().describe(), sorted(Shape.__abstractmethods__), Half.__abstractmethods__, Square.__abstractmethods__)
print(isinstance(Square(), Shape), issubclass(Square, Shape), issubclass(int, Shape))


class Plugin(metaclass=ABCMeta):
    @property
    @abstractmethod
    def name(self):
        ...


try:
    Plugin()
except TypeError as e:
    print(e)


class Thing:
    pass


Plugin.register(Thing)
print(isinstance(Thing(), Plugin), issubclass(Thing, Plugin), Plugin.register(int) is int, isinstance(3, Plugin))


class SubPlugin(Plugin):
    pass


class Other:
    pass


SubPlugin.register(Other)
print(issubclass(Other, Plugin), issubclass(Other, SubPlugin), issubclass(Plugin, SubPlugin))


class HasLen(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is HasLen:
            return any("__len__" in B.__dict__ for B in C.__mro__)
        return NotImplemented


class Sized3:
    def __len__(self):
        return 3


print(isinstance(Sized3(), HasLen), isinstance(object(), HasLen), type(HasLen) is ABCMeta)
try:
    Plugin.register(3)
except TypeError as e:
    print(e)
try:
    issubclass(3, Plugin)
except TypeError as e:
    print(e)
print(type(abc.get_cache_token()).__name__, Shape.area.__isabstractmethod__)


class Meta(ABCMeta):
    def __instancecheck__(cls, inst):
        return inst == "magic"


class Magic(metaclass=Meta):
    pass


print(isinstance("magic", Magic), isinstance("other", Magic))
