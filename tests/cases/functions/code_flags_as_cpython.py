# co_flags carry CPython 3.11's bits: no CO_NOFREE (0x40), which 3.11 no longer sets
def plain():
    pass


def gen():
    yield


async def coro():
    pass


def outer():
    x = 1

    def inner():
        return x
    return inner


print(plain.__code__.co_flags, gen.__code__.co_flags, coro.__code__.co_flags)
print(outer.__code__.co_flags, outer().__code__.co_flags)
print((lambda: 0).__code__.co_flags)
