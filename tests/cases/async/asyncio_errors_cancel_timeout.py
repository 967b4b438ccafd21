# Exceptions through gather, cancellation, wait_for timeouts and events.
import asyncio

async def boom():
    await asyncio.sleep(0)
    raise ValueError("boom")

async def ok(x):
    await asyncio.sleep(0)
    return x

async def main():
    print(await asyncio.gather(boom(), ok(3), return_exceptions=True))
    try:
        await asyncio.gather(boom(), ok(3))
    except ValueError as e:
        print("gather raised", e)
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.01)
    except asyncio.TimeoutError:
        print("timed out")
    print(await asyncio.wait_for(ok("in time"), 1))
    ev = asyncio.Event()
    async def waiter():
        await ev.wait()
        print("event seen")
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    print("setting")
    ev.set()
    await w
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    print(t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled", t.cancelled(), t.done())
    async def cleanup():
        try:
            await asyncio.sleep(10)
        finally:
            print("cleanup ran")
    c = asyncio.create_task(cleanup())
    await asyncio.sleep(0)
    c.cancel()
    try:
        await c
    except asyncio.CancelledError:
        print("cleanup task cancelled")
    try:
        await boom()
    except ValueError as e:
        print("direct", e)

asyncio.run(main())
