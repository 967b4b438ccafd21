# Coroutines without asyncio: `async def` functions awaiting each other in
# deep chains, suspended through two tiny awaitables (a class with
# `__await__`, and a `types.coroutine` generator) and driven by `send` from
# a round-robin loop of tasks that pass messages through channels. Prints
# what each task computed.
#
#     python3 bench/coroutines.py [rounds]

import sys
import types


class Suspend:
    """Awaitable that suspends the whole coroutine chain once, handing
    `request` to the loop and resuming with what the loop sends back."""

    def __init__(self, request):
        self.request = request

    def __await__(self):
        reply = yield self.request
        return reply


@types.coroutine
def switch():
    """Give the other tasks a turn (a bare yield to the loop)."""
    yield None


class Channel:
    def __init__(self):
        self.items = []

    async def put(self, item):
        self.items.append(item)
        await switch()

    async def get(self):
        while not self.items:
            await switch()
        return self.items.pop(0)


async def fib_chain(n):
    # Plain awaits of coroutines that never suspend: a deep call chain.
    if n < 2:
        return n
    return await fib_chain(n - 1) + await fib_chain(n - 2)


async def ask(value):
    # The loop answers every non-None request with value * 2 + 1.
    return await Suspend(value)


async def layered(depth, value):
    if depth == 0:
        return await ask(value)
    return await layered(depth - 1, value) + 1


async def producer(chan, count):
    total = 0
    for i in range(count):
        v = await layered(5, i)
        total += v
        await chan.put(v)
    await chan.put(None)
    return total


async def consumer(chan, out):
    total = 0
    while True:
        item = await chan.get()
        if item is None:
            break
        total += item % 1000
        await out.put(item % 7)
    await out.put(None)
    return total


async def summer(chan):
    total = 0
    while True:
        item = await chan.get()
        if item is None:
            return total
        total += await fib_chain(item + 3)


def run(tasks):
    """Round-robin: send each task the answer to its last request."""
    results = {}
    pending = [(name, coro, None) for name, coro in tasks]
    steps = 0
    while pending:
        again = []
        for name, coro, reply in pending:
            steps += 1
            try:
                request = coro.send(reply)
            except StopIteration as stop:
                results[name] = stop.value
                continue
            again.append((name, coro, None if request is None else request * 2 + 1))
        pending = again
    return results, steps


def main(rounds):
    grand = 0
    for r in range(4):
        a = Channel()
        b = Channel()
        results, steps = run([
            ('producer', producer(a, rounds)),
            ('consumer', consumer(a, b)),
            ('summer', summer(b)),
        ])
        print('round', r, sorted(results.items()), 'steps', steps)
        grand += sum(results.values())
    print('total', grand)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 15000)
