# send() resumes the generator with a value for its yield expression.
def running_average():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            return count
        total += value
        count += 1
        average = total / count

avg = running_average()
print(next(avg))
for v in [10, 20, 30, 5]:
    print(avg.send(v))
try:
    avg.send(None)
except StopIteration as e:
    print("count", e.value)

def echo():
    received = yield "ready"
    while True:
        received = yield "got %r" % (received,)

e = echo()
print(e.send(None))
print(e.send(1), e.send("two"), e.send([3]))
try:
    echo().send(5)
except TypeError as err:
    print(err)
