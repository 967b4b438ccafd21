# Coroutines driven by send(): await delegates to __await__ iterators.
class Tick:
    def __await__(self):
        value = yield "tick"
        return value

async def step(x):
    r = await Tick()
    return x * 2 + r

async def main():
    a = await step(1)
    b = await step(2)
    return a + b

c = main()
print(type(c).__name__, c.__name__, c.__qualname__)
print(c.send(None))
print(c.send(10))
try:
    c.send(100)
except StopIteration as e:
    print("result", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print(e)

async def nothing():
    return 5
n = nothing()
try:
    n.send(None)
except StopIteration as e:
    print(e.value)
try:
    for x in 5:
        pass
except TypeError as e:
    print(e)

async def bad():
    await 5
try:
    bad().send(None)
except TypeError as e:
    print(e)
class NotIter:
    def __await__(self):
        return 3
async def bad2():
    await NotIter()
try:
    bad2().send(None)
except TypeError as e:
    print(e)
c2 = step(1)
c2.close()
print(c2.cr_running, c2.cr_await)
