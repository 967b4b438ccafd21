# async with / async for with user classes: __aenter__/__aexit__ suppression, __aiter__/__anext__, break.
import asyncio
class Conn:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    async def __aenter__(self):
        await asyncio.sleep(0)
        print("open", self.name)
        return self
    async def __aexit__(self, et, ev, tb):
        await asyncio.sleep(0)
        print("close", self.name, et.__name__ if et else None)
        return self.suppress
class Ticker:
    def __init__(self, n): self.i, self.n = 0, n
    def __aiter__(self): return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i
async def main():
    async with Conn("db") as c:
        print("using", c.name)
    async with Conn("quiet", suppress=True):
        raise ValueError("swallowed")
    try:
        async with Conn("loud"):
            raise KeyError("escapes")
    except KeyError as e:
        print("caught", repr(e))
    async for t in Ticker(3):
        print("tick", t)
    async for v in Ticker(10):
        if v == 2:
            break
    print("broke at", v)
asyncio.run(main())
