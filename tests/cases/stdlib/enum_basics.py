# enum.Enum/IntEnum: reprs, str/format, name/value, order, aliases, lookup by value and name, errors, __members__, unique, auto
from enum import Enum, IntEnum, auto, unique


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Color(Enum):
    RED = 1
    GREEN = 2
    CRIMSON = 1

    def describe(self):
        return f"{self.name}={self.value}"


print(Color, Color.RED, repr(Color.GREEN), Color.RED.name, Color.RED.value, f"[{Color.RED}]", format(Color.RED, ">12"))
print(list(Color), len(Color), Color.CRIMSON is Color.RED, Color(1), Color["GREEN"], Color(Color.RED))
print(list(Color.__members__), Color.__members__["CRIMSON"], Color.RED.describe(), type(Color.RED), isinstance(Color.RED, Color))
print(Color.RED == Color.RED, Color.RED == 1, Color.RED != Color.GREEN, Color.RED in Color, hash(Color.RED) == hash("RED"))
print(list(reversed(Color)), {Color.RED: "r"}[Color.CRIMSON], Color._value2member_map_)


class Num(IntEnum):
    ONE = 1
    TWO = 2


print(Num.ONE, repr(Num.TWO), str(Num.ONE), f"{Num.TWO}", Num.ONE + 1, Num.TWO == 2, Num.ONE < Num.TWO, sorted([Num.TWO, Num.ONE]), isinstance(Num.ONE, int))


class Auto(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()


print(list(Auto), [m.value for m in Auto])


class Custom(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.lower() * 2

    X = auto()
    Y = auto()


print(list(Custom))


class Planet(Enum):
    EARTH = (5.97, 6.37)
    MARS = (0.642, 3.39)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius


print(Planet.EARTH, Planet.MARS.radius, Planet((5.97, 6.37)))

attempt(lambda: Color(5))
attempt(lambda: Color["X"])
attempt(lambda: Color.RED < Color.GREEN)
attempt(lambda: setattr(Color, "RED", 3))
attempt(lambda: delattr(Color, "RED"))


def extend():
    class More(Color):
        PINK = 3


def duplicate():
    class D(Enum):
        A = 1
        A = 2


def not_unique():
    @unique
    class U(Enum):
        A = 1
        B = 1
        C = 2
        D = 2


attempt(extend)
attempt(duplicate)
attempt(not_unique)
Animal = Enum("Animal", "ANT BEE")
print(Animal, list(Animal), list(Enum("Pair", [("X", 5), ("Y", 7)])), Animal.ANT.value)
