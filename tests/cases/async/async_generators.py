# Async generators: async for over them, asend/athrow/aclose, finally on aclose, PEP 479 for StopAsyncIteration.
import asyncio

async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i
    print("ticker done")

async def squares(src):
    async for x in src:
        yield x * x

async def main():
    async for v in ticker(3):
        print("got", v)
    print("skip comp")
    out = []
    async for s in squares(ticker(4)):
        out.append(s)
    print(out)
    agen = ticker(5)
    print(type(agen).__name__, agen.__name__, agen.ag_running)
    print(await agen.__anext__(), await agen.asend(None))
    await agen.aclose()
    try:
        await agen.__anext__()
    except StopAsyncIteration:
        print("closed: StopAsyncIteration")
    async def with_finally():
        try:
            yield 1
            yield 2
        finally:
            print("async gen finally")
    g = with_finally()
    print(await g.__anext__())
    await g.aclose()
    async def catcher():
        try:
            yield 1
        except ValueError as e:
            yield f"caught {e}"
    c = catcher()
    print(await c.__anext__())
    print(await c.athrow(ValueError("boom")))
    async def stopper():
        yield 1
        raise StopAsyncIteration
    try:
        async for _ in stopper():
            pass
    except RuntimeError as e:
        print(e)

asyncio.run(main())
