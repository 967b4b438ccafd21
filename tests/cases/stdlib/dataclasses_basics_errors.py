# dataclasses: generated __init__/__repr__/__eq__/order/hash, their argument errors, frozen, InitVar, ClassVar, the class-definition errors
from dataclasses import *
import dataclasses
from typing import ClassVar, List
@dataclass
class C:
    x: int
    y: str = 'a'
print(C(1), C(2, 'b'), C(x=3, y='c'), C(1) == C(1), C(1) == C(2), C(1) == (1, 'a'), C.__hash__, C.__match_args__, C.__doc__)
for t in [lambda: C(), lambda: C(1,2,3), lambda: C(1, z=2), lambda: C(1, x=2), lambda: replace(C(1), z=3), lambda: fields(3), lambda: asdict(C), lambda: astuple(3), lambda: replace(3)]:
    try: t()
    except Exception as e: print(type(e).__name__, e)
@dataclass
class Three:
    a: int
    b: int
    c: int
    def __post_init__(self): print('post', self)
for t in [lambda: Three(), lambda: Three(1), lambda: Three(1, 2, 3, 4), lambda: Three(1,2,3)]:
    try: t()
    except Exception as e: print(type(e).__name__, e)
@dataclass
class Empty: pass
try: Empty(1)
except Exception as e: print(type(e).__name__, e)
print(Empty(), Empty() == Empty())
@dataclass(frozen=True)
class F:
    x: int
    y: int = 2
f = F(1)
for t in [lambda: setattr(f, 'x', 2), lambda: delattr(f, 'x'), lambda: setattr(f, 'z', 2)]:
    try: t()
    except Exception as e: print(type(e).__name__, e)
print(f, hash(f) == hash((1, 2)), {f: 1}[F(1)], isinstance(FrozenInstanceError(), AttributeError))
print(C.__init__.__qualname__, C.__repr__.__qualname__, C.__dataclass_params__)
print(fields(C)[0].name, fields(C)[0].type, fields(C)[1].default, fields(C)[0].default is MISSING)
try:
    @dataclass
    class D:
        x: list = []
except Exception as e: print(type(e).__name__, e)
try:
    @dataclass
    class D:
        x: dict = {}
except Exception as e: print(type(e).__name__, e)
try:
    @dataclass
    class D:
        x: int = 1
        y: int
except Exception as e: print(type(e).__name__, e)
@dataclass(order=True)
class O:
    a: int
    b: str = 'z'
print(O(1) < O(2), O(1, 'a') < O(1, 'b'), O(3) >= O(3), O(2) > O(1), sorted([O(3), O(1), O(2)]))
try: O(1) < 3
except Exception as e: print(type(e).__name__, e)
try:
    @dataclass(order=True)
    class OO:
        a: int
        def __lt__(self, o): return True
except Exception as e: print(type(e).__name__, e)
try:
    @dataclass(order=True, eq=False)
    class OO:
        a: int
except Exception as e: print(type(e).__name__, e)
@dataclass
class IV:
    a: int
    b: InitVar[int] = 3
    c: ClassVar[int] = 10
    def __post_init__(self, b): print('post', b)
IV(1); IV(1, 5)
print(IV(2), [f.name for f in fields(IV)], sorted(IV.__dataclass_fields__), IV.c)
print(replace(IV(1), a=2))
@dataclass
class IV2:
    a: int
    b: InitVar[int]
    def __post_init__(self, b): self.tot = self.a + b
print(IV2(1, 2).tot)
try: replace(IV2(1, 2), a=3)
except Exception as e: print(type(e).__name__, e)
print(MISSING is dataclasses.MISSING, InitVar[int], InitVar[List[int]])
