# create_task schedules immediately-runnable tasks; done/result/exception states and awaiting a task twice.
import asyncio
async def compute(x):
    print("  compute start", x)
    await asyncio.sleep(0)
    if x < 0:
        raise ValueError("negative %d" % x)
    print("  compute end", x)
    return x * x
async def main():
    t1 = asyncio.create_task(compute(3))
    t2 = asyncio.create_task(compute(-1))
    print("tasks created", t1.done(), t2.done())
    await asyncio.sleep(0)
    print("after one yield", t1.done())
    print("t1 =", await t1, "again", await t1)
    try:
        await t2
    except ValueError as e:
        print("t2 raised", e)
    print(t1.result(), repr(t2.exception()), t1.exception())
    try:
        t2.result()
    except ValueError as e:
        print("result() re-raises", e)
    t3 = asyncio.create_task(compute(5))
    await t3
    print(isinstance(t3, asyncio.Task), isinstance(t3, asyncio.Future))
    print(asyncio.iscoroutinefunction(compute), asyncio.iscoroutine(t3), asyncio.current_task() is not t3)
    c = compute(0)
    print(asyncio.iscoroutine(c))
    print(await asyncio.ensure_future(c))
asyncio.run(main())
