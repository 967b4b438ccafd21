# await on objects whose __await__ is a generator, and on futures resolved by callbacks.
import asyncio

class Ready:
    def __init__(self, value):
        self.value = value
    def __await__(self):
        yield from ()
        return self.value

async def main():
    print(await Ready(42))
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "from callback")
    print(await fut)
    fut2 = loop.create_future()
    loop.call_later(0.01, fut2.set_exception, ValueError("late"))
    try:
        await fut2
    except ValueError as e:
        print("future raised", e)
    print(fut.done(), fut2.done(), repr(fut))

asyncio.run(main())
