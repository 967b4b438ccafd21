# A coroutine freed without being awaited warns once per line, as CPython's warnings do.
async def nothing(): return 5
def f():
    c = nothing()
    del c
    print("after del")
f()
x = nothing()
x = None
for i in range(2):
    nothing()
print("end")
y = nothing()
