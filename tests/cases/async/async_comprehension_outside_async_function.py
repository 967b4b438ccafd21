# An async comprehension outside an async function is a syntax error.
async def agen():
    yield 1
def f():
    return [x async for x in agen()]
