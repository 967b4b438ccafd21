# Tasks run in the order the loop schedules them: created order, then wake-ups.
import asyncio

async def worker(name, delays):
    for d in delays:
        await asyncio.sleep(d)
        print(name, "after", d)
    return name

async def main():
    tasks = [asyncio.create_task(worker(n, ds)) for n, ds in
             [("a", [0, 0]), ("b", [0]), ("c", [0, 0, 0])]]
    print("created")
    done = await asyncio.gather(*tasks)
    print(done)
    t = asyncio.create_task(worker("late", [0]))
    print(t.done())
    await t
    print(t.done(), t.result())
    print(asyncio.current_task() is not None)

asyncio.run(main())
