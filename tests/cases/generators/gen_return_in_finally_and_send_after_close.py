# Edge cases: return inside try/finally in a generator, close() returning, send after exhaustion.
def g():
    try:
        yield 1
        return "early"
    finally:
        print("finally runs")

it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("value:", e.value)
try:
    it.send(5)
except StopIteration as e:
    print("after end:", e.value)

def counter():
    total = 0
    while True:
        x = yield total
        total += x
c = counter()
next(c)
for v in (1, 2, 3):
    print(c.send(v))
print(c.close())
