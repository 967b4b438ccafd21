# dataclasses: field() options, KW_ONLY and kw_only, inheritance, asdict/astuple/replace, recursive repr, hashing rules, make_dataclass, slots
from dataclasses import *
import dataclasses
from typing import List, Dict, Optional, ClassVar
import collections
@dataclass
class Inv:
    name: str
    tags: List[str] = field(default_factory=list)
    secret: str = field(default='s', repr=False)
    count: int = field(default=0, compare=False)
    cache: dict = field(default_factory=dict, init=False, repr=False)
    meta: int = field(default=1, metadata={'unit': 'cm'})
a = Inv('a'); b = Inv('a', count=5)
print(a, a == b, a.tags is not Inv('x').tags, a.cache, a.secret)
f = fields(Inv)
print([x.name for x in f], f[5].metadata, f[5].metadata['unit'], f[0].metadata, f[1].default_factory, f[4].init)
print(repr(f[0]))
try: Inv('a', cache={})
except TypeError as e: print('TypeError', e)
try: field(default=1, default_factory=list)
except ValueError as e: print('ValueError', e)

@dataclass
class KW:
    x: int
    _: KW_ONLY
    y: int
    z: int = 3
print(KW(1, y=2), KW.__match_args__, KW.__doc__)
try: KW(1, 2)
except TypeError as e: print('TypeError', e)
try: KW(1)
except TypeError as e: print('TypeError', e)
try: KW(1, 2, y=3)
except TypeError as e: print('TypeError', e)
@dataclass(kw_only=True)
class AllKW:
    a: int
    b: int = 2
    c: int = field(default=0, kw_only=False)
print(AllKW(5, a=1), AllKW.__match_args__)
try: AllKW()
except TypeError as e: print('TypeError', e)
@dataclass
class MixKW:
    a: int = 0
    b: int = field(kw_only=True)
print(MixKW(b=1), MixKW(3, b=4))

@dataclass
class Base:
    x: int
    y: int = 0
@dataclass
class Derived(Base):
    z: int = 5
    x: int = 10
print(Derived(), Derived(1, 2, 3), [f.name for f in fields(Derived)], Derived.__match_args__)
class Plain(Base):
    pass
print(Plain(1), is_dataclass(Plain), is_dataclass(Plain(1)), is_dataclass(3), is_dataclass(Base))
try:
    @dataclass
    class Bad(Base):
        w: int
except TypeError as e: print('TypeError', e)

@dataclass(frozen=True)
class FB:
    a: int
try:
    @dataclass
    class NF(FB):
        b: int = 0
except TypeError as e: print('TypeError', e)
try:
    @dataclass(frozen=True)
    class FN(Base):
        b: int = 0
except TypeError as e: print('TypeError', e)

@dataclass
class Nested:
    items: list
    mapping: dict
    inner: Optional['Nested'] = None
    pair: tuple = (1, 2)
n = Nested([Base(1), Base(2)], {'k': Base(3)}, Nested([], {}), (Base(4), 5))
print(asdict(n))
print(astuple(n))
P = collections.namedtuple('P', 'a b')
@dataclass
class WithNT:
    p: P
    l: List[int]
w = WithNT(P(Base(1), [1]), [1, 2])
d = asdict(w)
print(d, type(d['p']).__name__, d['l'] is not w.l)
print(asdict(Base(1), dict_factory=lambda kv: sorted(kv, reverse=True)), astuple(Base(1), tuple_factory=list))
print(replace(Base(1, 2), y=5), replace(Derived(), z=0))
@dataclass
class NoInit:
    a: int
    b: int = field(init=False, default=9)
try: replace(NoInit(1), b=2)
except ValueError as e: print('ValueError', e)
print(replace(NoInit(1), a=3))

@dataclass
class R:
    name: str
    child: object = None
r = R('r'); r.child = r
print(r)
l = R('x', [1]); l.child.append(l)
print(l)
print(R(R('in')))

@dataclass(unsafe_hash=True)
class UH:
    a: int
    b: list = field(default=None, hash=False)
print(hash(UH(1)) == hash((1,)), UH.__hash__ is not None)
@dataclass(eq=False)
class NE:
    a: int
print(NE(1) == NE(1), NE.__hash__ is object.__hash__)
@dataclass
class EH:
    a: int
    def __hash__(self): return 7
print(hash(EH(1)))
try:
    @dataclass(unsafe_hash=True)
    class EH2:
        a: int
        def __hash__(self): return 7
except TypeError as e: print('TypeError', e)
try: hash(Base(1))
except TypeError as e: print('TypeError', e)

@dataclass(repr=False, eq=False, init=False)
class Bare:
    a: int = 1
print(Bare().a, '__repr__' in Bare.__dict__, '__init__' in Bare.__dict__)
@dataclass
class OwnRepr:
    a: int
    def __repr__(self): return 'mine'
print(OwnRepr(1))

Point = make_dataclass('Point', ['x', ('y', int), ('z', int, field(default=0))], namespace={'norm': lambda self: self.x + self.y + self.z})
p = Point(1, 2)
print(p, p.norm(), Point.__annotations__, Point.__module__, fields(Point)[0].type)
try: make_dataclass('FP', [('a', int)], frozen=True, bases=(Base,))
except TypeError as e: print('TypeError', e)
FP = make_dataclass('FP', [('a', int, 0)], bases=(Base,), order=True)
print(FP(1), FP(1) < FP(2), [f.name for f in fields(FP)])
for bad in [['x', 'x'], ['class'], ['1a'], [('a', int, 1, 2)]]:
    try: make_dataclass('B', bad)
    except TypeError as e: print('TypeError', e)

@dataclass
class M:
    x: int
    y: int
match M(1, 2):
    case M(a, b): print('matched', a, b)
@dataclass
class CV:
    a: ClassVar[int] = 1
    b: 'ClassVar[int]' = 2
    c: int = 3
print([f.name for f in fields(CV)], CV())
try:
    @dataclass
    class CVF:
        a: ClassVar[list] = field(default_factory=list)
except TypeError as e: print('TypeError', e)
try:
    @dataclass
    class NoAnn:
        a = field(default=1)
except TypeError as e: print('TypeError', e)
try:
    @dataclass
    class TwoKW:
        _: KW_ONLY
        a: int
        __: KW_ONLY
except TypeError as e: print('TypeError', e)
@dataclass(slots=True)
class S:
    a: int
    b: str = 'x'
s = S(1)
print(s, S.__slots__, hasattr(s, '__dict__'))
try: s.c = 1
except AttributeError as e: print('AttributeError')
@dataclass
class PI:
    a: int
    b: int = field(init=False)
    def __post_init__(self): self.b = self.a * 2
print(PI(2))
@dataclass(frozen=True)
class FPI:
    a: int
    b: int = field(init=False)
    def __post_init__(self): object.__setattr__(self, 'b', self.a + 1)
print(FPI(2))
