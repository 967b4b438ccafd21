# types.coroutine makes a generator function's generators awaitable (CPython sets CO_ITERABLE_COROUTINE on its code)
import types


@types.coroutine
def switch(tag):
    reply = yield tag
    return reply * 2


async def task():
    a = await switch('first')
    b = await switch('second')
    return a + b


print(switch.__code__.co_flags & 0x100)
c = task()
print(c.send(None))
print(c.send(10))
try:
    c.send(1)
except StopIteration as stop:
    print('returned', stop.value)
