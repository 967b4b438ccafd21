# Exceptions crossing await boundaries: propagation up nested coroutines, try/finally, chained causes, gather.
import asyncio
async def level3():
    await asyncio.sleep(0)
    raise ValueError("deep")
async def level2():
    try:
        return await level3()
    finally:
        print("level2 finally")
async def level1():
    try:
        await level2()
    except ValueError as e:
        raise RuntimeError("wrapped") from e
async def main():
    try:
        await level1()
    except RuntimeError as e:
        print(repr(e), "cause:", repr(e.__cause__))
    results = await asyncio.gather(level3(), asyncio.sleep(0, "ok"), return_exceptions=True)
    print([repr(r) for r in results])
    task = asyncio.create_task(level3())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("task done:", task.done(), repr(task.exception()))
    try:
        raise KeyError("before await")
    except KeyError:
        try:
            await level3()
        except ValueError as e:
            print("context kept:", repr(e.__context__))
try:
    asyncio.run(main())
    asyncio.run(level3())
except ValueError as e:
    print("asyncio.run propagated", repr(e))
