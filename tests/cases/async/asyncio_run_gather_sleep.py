# asyncio.run with sleep, gather and tasks, in CPython's scheduling order.
import asyncio

async def double(x):
    await asyncio.sleep(0)
    return x * 2

async def ticker(name, n, delay):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(delay)
    return name

async def main():
    r = await double(4)
    rs = await asyncio.gather(double(1), double(2), double(3))
    print(r, rs)
    t1 = asyncio.create_task(ticker("a", 3, 0.01))
    t2 = asyncio.create_task(ticker("b", 2, 0.015))
    print(await t1, await t2)
    print(await asyncio.gather())
    return "main done"

print(asyncio.run(main()))
print(asyncio.iscoroutinefunction(main), asyncio.iscoroutine(main))
c = main()
print(asyncio.iscoroutine(c))
c.close()
try:
    asyncio.run(42)
except ValueError as e:
    print(e)
