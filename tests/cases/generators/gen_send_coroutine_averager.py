# send()-driven coroutines: priming with next(), running averages, send(None), and send on a fresh generator.
def averager():
    total, count, avg = 0, 0, None
    while True:
        value = yield avg
        if value is None:
            break
        total += value
        count += 1
        avg = total / count
    return (count, avg)
a = averager()
print(next(a))
for v in (10, 20, 60):
    print(a.send(v))
try:
    a.send(None)
except StopIteration as e:
    print("finished", e.value)
fresh = averager()
try:
    fresh.send(5)
except TypeError as e:
    print("TypeError:", e)
def grep(pattern):
    matches = []
    try:
        while True:
            line = yield
            if pattern in line:
                matches.append(line)
    except GeneratorExit:
        print("closing, matched", matches)
        raise
g = grep("py")
g.send(None)
for line in ("python", "rust", "pypy", "go"):
    g.send(line)
g.close()
print(g.gi_frame is None)
