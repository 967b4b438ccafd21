# contextlib.ExitStack: enter_context, push, callback, pop_all, close, exception suppression and chaining; asynccontextmanager and AsyncExitStack
import contextlib, asyncio

class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None)
        return self.suppress

with contextlib.ExitStack() as stack:
    print(stack.enter_context(CM("a")), stack.enter_context(CM("b")))
    stack.callback(print, "callback", 1, sep="-")
    f = stack.push(lambda t, v, tb: print("pushed exit", t))
    print(f.__name__)

with contextlib.ExitStack() as stack:
    stack.enter_context(CM("s", suppress=True))
    stack.enter_context(CM("inner"))
    raise ValueError("boom")
print("suppressed by s")

with contextlib.ExitStack() as stack:
    stack.enter_context(CM("kept"))
    moved = stack.pop_all()
print("after with")
moved.close()
moved.close()

try:
    with contextlib.ExitStack() as stack:
        stack.callback(lambda: 1 / 0)
        raise KeyError("k")
except ZeroDivisionError as e:
    print(type(e).__name__, repr(e.__context__))

def raiser(exc):
    def cb(*a):
        raise exc
    return cb

try:
    with contextlib.ExitStack() as stack:
        stack.push(raiser(IndexError("first")))
        stack.push(raiser(KeyError("second")))
except IndexError as e:
    print(repr(e), repr(e.__context__))

try:
    contextlib.ExitStack().enter_context(object())
except TypeError as e:
    print(e)

class Push:
    def __exit__(self, *a):
        print("Push.__exit__", a[0])
with contextlib.ExitStack() as stack:
    stack.push(Push())

@contextlib.asynccontextmanager
async def acm(tag):
    print("aenter", tag)
    try:
        yield tag * 2
    except KeyError:
        print("akey handled")
    finally:
        print("aexit", tag)

async def main():
    async with acm("x") as v:
        print("abody", v)
    async with acm("y"):
        raise KeyError(1)
    async with contextlib.AsyncExitStack() as stack:
        print(await stack.enter_async_context(acm("z")))
        async def acb(n):
            print("async callback", n)
        stack.push_async_callback(acb, 7)
        stack.callback(print, "sync callback")
    async with contextlib.nullcontext("n") as n:
        print(n)
    try:
        await contextlib.AsyncExitStack().enter_async_context(CM("q"))
    except TypeError as e:
        print(e)
asyncio.run(main())
