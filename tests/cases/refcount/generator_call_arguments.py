# Calling a generator function (plain, with defaults, as a method, through a
# bound method, and a coroutine) binds its arguments with CPython's counts.
import sys
def g(a, b=(1, 2)):
    yield sys.getrefcount(a), b
class C:
    def m(self, x, y=3):
        yield sys.getrefcount(self), x, y
o = object()
print(next(g(o)))
gen = g(o)
print(sys.getrefcount(o))
print(next(gen))
c = C()
print(next(c.m(1)))
bm = c.m
print(next(bm(2)), sys.getrefcount(c))
print(list(c.m(5, 6)))
async def co(v):
    return v * 2
k = co(21)
try:
    k.send(None)
except StopIteration as e:
    print(e.value)
