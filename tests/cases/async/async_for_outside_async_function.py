# 'async for' outside an async function is a syntax error.
def f():
    async for x in y:
        pass
