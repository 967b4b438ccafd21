# typing: Generic classes (parameters, subscription, substitution, errors) and Protocol with runtime_checkable structural isinstance
from typing import *
import typing
T = TypeVar('T'); K = TypeVar('K'); V = TypeVar('V')
class Box(Generic[T]):
    def __init__(self, item):
        self.item = item
    def get(self) -> T:
        return self.item
print(Box[int], Box.__parameters__, Box.__orig_bases__, Box.__mro__)
b = Box[int](3)
print(type(b).__name__, b.item, b.__orig_class__, Box(4).get())
class Pair(Generic[K, V]): pass
print(Pair[str, int], Pair[str, T], Pair[str, T][int], Pair[str, T].__parameters__)
class Sub(Box[int]): pass
print(Sub.__mro__, Sub.__parameters__, Sub.__orig_bases__)
class Sub2(Box[T], Pair[T, int]): pass
print(Sub2.__parameters__, Sub2.__mro__)
class MyList(List[T]): pass
print(MyList.__mro__, MyList[int], MyList([1,2]))
for thunk in [lambda: Box[int, str], lambda: Pair[int], lambda: Generic[T, T], lambda: Sub[int]]:
    try: print(thunk())
    except TypeError as e: print("TypeError", e)
try:
    class Bad(Generic[T], List[K]): pass
except TypeError as e: print("TypeError", e)
try:
    class Bad2(Generic): pass
except TypeError as e: print("TypeError", e)
try:
    class Bad3(Union[int, str]): pass
except TypeError as e: print("TypeError", e)
try:
    class Bad4(T): pass
except TypeError as e: print("TypeError", e)

class Closable(Protocol):
    def close(self): ...
@runtime_checkable
class Sized2(Protocol):
    def __len__(self): ...
@runtime_checkable
class HasX(Protocol):
    x: int
    def method(self): ...
class F:
    def close(self): pass
    def __len__(self): return 0
class G:
    x = 1
    def method(self): pass
print(isinstance(F(), Sized2), isinstance(3, Sized2), isinstance(G(), HasX), isinstance(F(), HasX), issubclass(F, Sized2))
for thunk in [lambda: isinstance(F(), Closable), lambda: Closable(), lambda: issubclass(G, HasX), lambda: runtime_checkable(F)]:
    try: print(thunk())
    except TypeError as e: print("TypeError", e)
class Impl(Closable):
    def close(self): return "closed"
print(Impl().close(), isinstance(Impl(), Closable) if False else None)
class GP(Protocol[T]):
    def get(self) -> T: ...
print(GP[int], GP.__parameters__)
try:
    class BadP(Protocol, F): pass
except TypeError as e: print("TypeError", e)
