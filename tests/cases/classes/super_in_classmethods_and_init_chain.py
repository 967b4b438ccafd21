# super() in cooperative __init__ chains (diamond) and inside classmethods/staticmethod-free alternate constructors.
class Base:
    def __init__(self, **kw):
        print("Base.__init__", sorted(kw))
        self.log = ["Base"]
    @classmethod
    def create(cls, *args):
        print("Base.create for", cls.__name__, args)
        return cls(*args)
    describe = classmethod(lambda cls: "Base(" + cls.__name__ + ")")

class Left(Base):
    def __init__(self, left=0, **kw):
        print("Left.__init__", left)
        super().__init__(**kw)
        self.log.append("Left")
    @classmethod
    def describe(cls):
        return "Left>" + super().describe()

class Right(Base):
    def __init__(self, right=0, **kw):
        print("Right.__init__", right)
        super().__init__(**kw)
        self.log.append("Right")
    @classmethod
    def describe(cls):
        return "Right>" + super().describe()

class Bottom(Left, Right):
    def __init__(self, a, b):
        super().__init__(left=a, right=b)
        self.log.append("Bottom")
    @classmethod
    def create(cls, *args):
        print("Bottom.create")
        return super().create(*args)

b = Bottom.create(1, 2)
print(b.log)
print(Bottom.describe())
print(super(Left, b).describe(), super(Bottom, Bottom).describe())
