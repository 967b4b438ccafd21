# async with awaits __aenter__/__aexit__; async for awaits __anext__ until StopAsyncIteration.
import asyncio

class Resource:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        await asyncio.sleep(0)
        print("enter", self.name)
        return self
    async def __aexit__(self, typ, val, tb):
        await asyncio.sleep(0)
        print("exit", self.name, typ.__name__ if typ else None)
        return typ is KeyError

class Countdown:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        await asyncio.sleep(0)
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n

async def main():
    async with Resource("a") as r, Resource("b"):
        print("inside", r.name)
    async with Resource("c"):
        raise KeyError("suppressed")
    try:
        async with Resource("d"):
            raise ValueError("propagates")
    except ValueError as e:
        print("caught", e)
    async for i in Countdown(3):
        print("tick", i)
    else:
        print("loop done")
    total = 0
    async for i in Countdown(10):
        if i == 5:
            break
        if i % 2:
            continue
        total += i
    print("total", total)
    try:
        async for x in 5:
            pass
    except TypeError as e:
        print(e)
    try:
        async with object():
            pass
    except TypeError as e:
        print(e)
    class Bad:
        def __aiter__(self):
            return self
        def __anext__(self):
            return 1
    try:
        async for x in Bad():
            pass
    except TypeError as e:
        print(e)
    class Raising:
        def __aiter__(self):
            return self
        async def __anext__(self):
            raise OSError("io")
    try:
        async for x in Raising():
            pass
    except OSError as e:
        print("error from __anext__:", e)

asyncio.run(main())
