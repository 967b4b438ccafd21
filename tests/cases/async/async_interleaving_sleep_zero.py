# Coroutines interleave at each await asyncio.sleep(0); gather returns results in argument order.
import asyncio
log = []
async def step(name, n, result):
    for i in range(n):
        log.append("%s%d" % (name, i))
        await asyncio.sleep(0)
    log.append(name + "-done")
    return result
async def main():
    results = await asyncio.gather(step("a", 3, "A"), step("b", 1, "B"), step("c", 2, "C"))
    print(results)
    print(" ".join(log))
    log.clear()
    r = await step("solo", 2, 42)
    print(r, log)
    print(await asyncio.gather())
    value = await asyncio.sleep(0, result="slept")
    print(value)
    nested = await asyncio.gather(asyncio.gather(step("x", 1, 1), step("y", 1, 2)), step("z", 0, 3))
    print(nested)
print(asyncio.run(main()))
async def returns():
    return "direct"
print(asyncio.run(returns()))
