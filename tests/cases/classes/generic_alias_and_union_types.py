# PEP 585 and PEP 604: list[int] and int | str at run time (annotations are evaluated at def time in 3.11)
import types
def f(x: int | None, y: list[int], z: dict[str, list[int]] = None) -> tuple[int, ...]:
    return x
print(f(1, []), f.__annotations__)
print(int | str, list[int], dict[str, int], type(list[int]), type(int | str), list[int]([1, 2]), tuple[()], set[frozenset[int]])
print((int | None) == (None | int), int | int, (int | str) | bytes, int | (str | int), hash(int | str) == hash(str | int))
print(isinstance(3, int | str), isinstance(None, int | None), issubclass(bool, int | str), isinstance('x', int | float))
ga = list[int]
print(ga.__origin__, ga.__args__, ga.__parameters__, ga == list[int], ga != list[str], ga.append is list.append)
print(dict[str, int].__args__, type[int], enumerate[str], isinstance(ga, types.GenericAlias), isinstance(int | str, types.UnionType))
class MyList(list[int]):
    pass
print(MyList.__mro__, MyList([3]))
for bad in [lambda: isinstance([], list[int]), lambda: issubclass(list, list[int]), lambda: int | 3, lambda: isinstance(1, int | list[int])]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
print(types.SimpleNamespace(a=1, b='x'), types.SimpleNamespace(a=1) == types.SimpleNamespace(a=1))
print(types.FunctionType, types.ModuleType, types.GeneratorType, types.NoneType, types.BuiltinFunctionType.__name__)
mp = types.MappingProxyType({'k': 1})
print(mp['k'], len(mp), list(mp), 'k' in mp, mp)
C = types.new_class('C', (dict,), {}, lambda ns: ns.update(x=5))
print(C.x, C.__bases__, C.__name__)
