# typing: reprs of the special forms and aliases, get_origin/get_args, Union flattening and equality, and the errors for misuse
import typing
from typing import *
print(Any, Optional[int], Union[int, str], Union[int, str, None], Union[int], List[int], Dict[str, List[int]])
print(Callable[[int], str], Callable[..., int], Callable[[], int], Callable, Tuple[int, ...], Tuple[()], Tuple)
print(Literal[1, 'a'], Literal[1, Literal[2, 1]], Final[int], ClassVar[List[int]], Annotated[int, 'm', 3], Type[int])
T = TypeVar('T'); S = TypeVar('S', int, str); B = TypeVar('B', bound=int, covariant=True); C_ = TypeVar('C', contravariant=True)
print(T, S, B, C_, S.__constraints__, B.__bound__, B.__covariant__, T.__name__)
print(List[T], Dict[str, T][int], List['X'], Optional['int'])
print(Union[int, str] == Union[str, int], Optional[int] == Union[None, int], List[int] == List[int], hash(List[int]) == hash(List[int]))
print(get_origin(List[int]), get_origin(List), get_origin(Annotated[int, 1]), get_origin(int), get_origin(Union[int, str]) is Union, get_origin(Generic))
print(get_args(List[int]), get_args(Callable[[int, str], None]), get_args(Callable[..., int]), get_args(Annotated[int, 'x']), get_args(int), get_args(Union[int, str]))
print(isinstance([], List), isinstance([], Sequence), isinstance({}, Mapping), issubclass(list, Iterable))
print(Optional[int] | str, List[int] | None, T | None, Union[int, str].__args__)
print(isinstance(3, Union[int, str]), isinstance(3.0, Optional[int]))
for thunk in [lambda: Optional[int, str], lambda: Union[()], lambda: Any(), lambda: isinstance(1, List[int]), lambda: isinstance(1, Any),
              lambda: List[int, str], lambda: Union(), lambda: Dict[int], lambda: TypeVar('X', int), lambda: TypeVar('X', int, str, bound=int),
              lambda: TypeVar('X', covariant=True, contravariant=True), lambda: Callable[int], lambda: Generic[int],
              lambda: List(), lambda: Annotated[int], lambda: ClassVar[int, str], lambda: NoReturn[int], lambda: Tuple[int](),
              lambda: isinstance(1, Union), lambda: issubclass(int, List[int]), lambda: Literal[1](),]:
    try:
        print(thunk())
    except Exception as e:
        print(type(e).__name__, e)
print(TYPE_CHECKING, Text, AnyStr, NoReturn, Never, Self, LiteralString, TypeAlias, Concatenate, ParamSpec('P'))
print(cast(int, 'x'), cast('List[int]', 3))
