# collections.abc: builtins registered (list, tuple, str, dict, set, frozenset, range, generators, views, iterators)
import collections.abc as cabc

names = ["Hashable", "Iterable", "Iterator", "Generator", "Reversible", "Container", "Sized",
         "Callable", "Collection", "Sequence", "MutableSequence", "Set", "MutableSet", "Mapping",
         "MutableMapping", "MappingView", "KeysView", "ItemsView", "ValuesView", "Awaitable",
         "Coroutine", "AsyncIterable", "AsyncIterator"]


def gen():
    yield 1


async def coro():
    pass


async def agen():
    yield 1


c = coro()
samples = [("list", []), ("tuple", ()), ("str", ""), ("dict", {}), ("set", set()),
           ("frozenset", frozenset()), ("range", range(3)), ("int", 3), ("None", None),
           ("gen", gen()), ("coro", c), ("agen", agen()), ("list_iter", iter([])),
           ("keys", {}.keys()), ("values", {}.values()), ("items", {}.items()),
           ("func", gen), ("builtin", len), ("type", int), ("object", object()),
           ("zip", zip()), ("enumerate", enumerate([]))]
for label, obj in samples:
    print(label, [n for n in names if isinstance(obj, getattr(cabc, n))])
c.close()
print(issubclass(list, cabc.Sequence), issubclass(dict, cabc.Sequence), issubclass(bool, cabc.Hashable))
print(cabc.Sequence, cabc.MutableMapping.__mro__)
