# Asynchronous comprehensions: async for in list/dict comprehensions and generator expressions, await in comprehensions.
import asyncio
async def agen(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i
async def double(x):
    await asyncio.sleep(0)
    return x * 2
async def main():
    print([x async for x in agen(4)])
    print([x * x async for x in agen(5) if x % 2])
    print({x: str(x) async for x in agen(3)})
    print([await double(x) for x in range(3)])
    print([await double(x) async for x in agen(3)])
    g = (x + 100 async for x in agen(2))
    print([v async for v in g])
    print([[y async for y in agen(x)] for x in range(3)])
asyncio.run(main())
