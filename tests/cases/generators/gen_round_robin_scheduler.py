# A round-robin scheduler of generator "tasks": yields as switch points, return values collected via StopIteration.
def task(name, steps):
    for i in range(steps):
        print("  %s step %d" % (name, i))
        yield
    return name.upper() * steps
def scheduler(tasks):
    queue = list(tasks)
    results = {}
    rounds = 0
    while queue:
        rounds += 1
        name, gen = queue.pop(0)
        try:
            next(gen)
        except StopIteration as stop:
            results[name] = stop.value
            print("  %s finished" % name)
        else:
            queue.append((name, gen))
    return results, rounds
results, rounds = scheduler([("a", task("a", 2)), ("b", task("b", 3)), ("c", task("c", 1))])
print(sorted(results.items()), rounds)
def pinger(n):
    got = yield "ready"
    while n:
        n -= 1
        got = yield "ping %d after %s" % (n, got)
    return "stopped"
p = pinger(3)
msgs = [next(p)]
try:
    while True:
        msgs.append(p.send("pong"))
except StopIteration as e:
    msgs.append(e.value)
print(msgs)
