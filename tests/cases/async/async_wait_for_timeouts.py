# wait_for: results within the timeout, TimeoutError (cancelling the inner task), and timeout=None.
import asyncio
async def slow(tag):
    try:
        await asyncio.sleep(10)
        return tag
    except asyncio.CancelledError:
        print("  slow", tag, "cancelled")
        raise
async def fast(tag):
    await asyncio.sleep(0)
    return tag
async def main():
    print(await asyncio.wait_for(fast("quick"), timeout=1))
    print(await asyncio.wait_for(fast("no limit"), None))
    try:
        await asyncio.wait_for(slow("s1"), timeout=0.01)
    except asyncio.TimeoutError as e:
        print("TimeoutError caught", type(e).__name__, isinstance(e, TimeoutError))
    t = asyncio.create_task(slow("s2"))
    try:
        await asyncio.wait_for(t, 0.01)
    except asyncio.TimeoutError:
        print("task timed out, cancelled:", t.cancelled())
    try:
        await asyncio.wait_for(fast("zero"), 0)
    except asyncio.TimeoutError:
        print("zero timeout expired")
    async def fails():
        await asyncio.sleep(0)
        raise KeyError("inner")
    try:
        await asyncio.wait_for(fails(), 1)
    except KeyError as e:
        print("inner error passes through", repr(e))
asyncio.run(main())
