# Leaving an async with by break, continue or return still awaits __aexit__.
import asyncio

class Guard:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        print("enter", self.name)
        return self
    async def __aexit__(self, *exc):
        await asyncio.sleep(0)
        print("exit", self.name, exc)

async def returns():
    async with Guard("r"):
        return "value"

async def main():
    for i in range(3):
        async with Guard(f"loop{i}"):
            if i == 0:
                continue
            if i == 1:
                break
    print(await returns())

asyncio.run(main())
