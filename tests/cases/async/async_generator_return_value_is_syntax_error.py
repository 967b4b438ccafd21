# 'return' with a value in an async generator is a syntax error.
async def agen():
    yield 1
    return 2
