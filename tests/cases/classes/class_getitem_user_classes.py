# __class_getitem__ is an implicit classmethod used by Cls[...]; instances use __getitem__ instead.
class Box:
    def __class_getitem__(cls, item):
        print("class_getitem", cls.__name__, item)
        return (cls.__name__, item)
    def __getitem__(self, key):
        return "instance item " + repr(key)

print(Box[int])
print(Box["x", 2])
print(Box()[0])
class SubBox(Box):
    pass
print(SubBox[str])

class Registry:
    _types = {}
    def __class_getitem__(cls, key):
        if key not in cls._types:
            cls._types[key] = type(cls.__name__ + "_" + key.__name__, (cls,), {"key": key})
        return cls._types[key]
a = Registry[int]
b = Registry[int]
print(a is b, a.__name__, a.key is int, issubclass(a, Registry))
class Plain:
    pass
try:
    Plain[int]
except TypeError as e:
    print("TypeError:", e)
