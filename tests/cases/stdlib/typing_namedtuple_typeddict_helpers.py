# typing: NamedTuple, TypedDict, NewType, overload, no_type_check, final and get_type_hints with string annotations
from typing import *
import typing, collections
class Point(NamedTuple):
    x: int
    y: int = 0
    label: str = 'p'
    def norm(self):
        return self.x * self.x + self.y * self.y
    def __repr__(self):
        return f'<P {self.x},{self.y}>'
p = Point(3, 4)
print(p, p.norm(), p._asdict(), p._replace(x=1), Point._fields, Point._field_defaults, Point.__annotations__)
print(Point.__mro__, isinstance(p, tuple), p == (3, 4, 'p'), Point(1), Point._make([5, 6, 'q']))
class Plain(NamedTuple):
    a: int
    b: str
print(Plain(1, 'x'), Plain.__module__, Plain.__name__)
Emp = NamedTuple('Emp', [('name', str), ('id', int)])
print(Emp('a', 1), Emp._fields, Emp.__annotations__, Emp.__module__)
Emp2 = NamedTuple('Emp2', name=str, id=int)
print(Emp2('b', 2))
try:
    class BadNT(NamedTuple):
        x: int = 0
        y: int
except TypeError as e: print("TypeError", e)
try:
    class BadNT2(NamedTuple):
        x: int
        def _replace(self): pass
except AttributeError as e: print("AttributeError", e)
try: Point()
except TypeError as e: print("TypeError", e)

class Movie(TypedDict):
    name: str
    year: int
class Movie2(Movie, total=False):
    rating: float
m = Movie(name='Blade Runner', year=1982)
print(m, type(m), Movie.__required_keys__ == {'name', 'year'}, Movie2.__optional_keys__, Movie.__total__, Movie2.__total__)
print(Movie2.__annotations__, Movie2(name='x'), Movie.__mro__ if False else None)
Point2D = TypedDict('Point2D', {'x': int, 'y': int}, total=False)
print(Point2D(x=1), Point2D.__optional_keys__ == {'x', 'y'}, Point2D.__name__, Point2D.__module__)
print(is_typeddict(Movie), is_typeddict(dict))
try: isinstance(m, Movie)
except TypeError as e: print("TypeError", e)
try:
    class BadTD(Movie, int): pass
except TypeError as e: print("TypeError", e)
class WithReq(TypedDict, total=False):
    a: Required[int]
    b: NotRequired[str]
    c: int
print(sorted(WithReq.__required_keys__), sorted(WithReq.__optional_keys__))

UserId = NewType('UserId', int)
u = UserId(5)
print(UserId, u, type(u), UserId.__supertype__, UserId.__name__, UserId.__qualname__)
try:
    class Sub(UserId): pass
except TypeError as e: print("TypeError", e)
print(UserId | None, List[UserId])

@overload
def f(x: int) -> int: ...
@overload
def f(x: str) -> str: ...
def f(x):
    return x * 2
print(f(2), f('a'), len(get_overloads(f)))
@overload
def g(x: int) -> int: ...
try: g(1)
except NotImplementedError as e: print("NotImplementedError", e)

@no_type_check
def h(a: 'nonsense') -> 'more': return a
print(h.__no_type_check__, get_type_hints(h))
@final
class Fin: pass
print(Fin.__final__)

class Node:
    val: int
    next: 'Optional[Node]'
    kids: 'List[Node]' = []
    meta: Annotated[int, 'm']
    cv: ClassVar[int] = 3
def fn(a: 'Node', b: int = 3, *, c: 'Dict[str, typing.Any]' = None) -> 'Optional[Node]':
    return a
print(get_type_hints(Node))
print(get_type_hints(Node, include_extras=True)['meta'])
print(get_type_hints(fn))
class Child(Node):
    extra: 'Tuple[int, ...]'
print(get_type_hints(Child))
print(get_type_hints(Point), get_type_hints(Movie2))
print(assert_type(3, int))
try: assert_never(3)
except AssertionError as e: print("AssertionError", e)
print(ClassVar, Final, Optional, Union, Literal, Generic, Protocol, Annotated, NamedTuple.__name__, TypedDict.__name__)
print(repr(ForwardRef('X')), ForwardRef('X') == ForwardRef('X'))
