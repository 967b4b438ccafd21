# asyncio.Event: several waiters released by set(), is_set/clear, and wait() returning True immediately when set.
import asyncio
async def waiter(name, ev, order):
    order.append(name + " waiting")
    r = await ev.wait()
    order.append(name + " released " + str(r))
async def main():
    ev = asyncio.Event()
    order = []
    tasks = [asyncio.create_task(waiter(n, ev, order)) for n in ("w1", "w2", "w3")]
    await asyncio.sleep(0)
    print(order, ev.is_set())
    ev.set()
    print("set:", ev.is_set())
    await asyncio.gather(*tasks)
    print(order)
    print(await ev.wait())
    ev.clear()
    print("cleared:", ev.is_set())
    ready = asyncio.Event()
    done = asyncio.Event()
    async def producer():
        await ready.wait()
        print("producer saw ready")
        done.set()
    p = asyncio.create_task(producer())
    await asyncio.sleep(0)
    print("signalling ready")
    ready.set()
    await done.wait()
    print("done observed", p.done())
    await p
asyncio.run(main())
