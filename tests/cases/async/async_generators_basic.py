# Async generators: async for over `async def` with yield, early break, asend/athrow/aclose, and finally on close.
import asyncio
async def agen(n):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            yield i * 10
    finally:
        print("  agen finally")
async def echo():
    received = None
    while True:
        received = yield "echo:" + str(received)
async def main():
    async for v in agen(3):
        print("got", v)
    g = agen(5)
    async for v in g:
        if v == 20:
            break
    print("broke at", v)
    await g.aclose()
    e = echo()
    print(await e.__anext__(), await e.asend("a"), await e.asend("b"))
    try:
        await e.athrow(ValueError("stop"))
    except ValueError as err:
        print("athrow raised", repr(err))
    print(type(agen(1)).__name__)
asyncio.run(main())
