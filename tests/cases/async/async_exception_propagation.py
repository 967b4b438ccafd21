# Exceptions from awaited coroutines propagate with their traceback through await.
import asyncio

async def inner():
    await asyncio.sleep(0)
    raise KeyError("missing")

async def middle():
    return await inner()

async def main():
    try:
        await middle()
    except KeyError as e:
        print("caught", repr(e))
    task = asyncio.create_task(inner())
    try:
        await task
    except KeyError:
        print("task failed:", repr(task.exception()))

asyncio.run(main())
