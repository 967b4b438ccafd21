# Assignment expressions: in while conditions, comprehension filters (binding in the enclosing scope), and if.
data = [3, 8, 1, 9, 4]
it = iter(data)
total = 0
while (n := next(it, None)) is not None:
    total += n
print(total, n)
squares = [y for x in data if (y := x * x) > 10]
print(squares, y)
def f():
    found = [last := v for v in range(5) if v % 2]
    return found, last
print(f())
if (m := max(data)) > 5:
    print("max is", m)
print([(a, b) for a in range(3) if (b := a * 10) != 10])
def running(values):
    acc = 0
    return [acc := acc + v for v in values], acc
print(running([1, 2, 3, 4]))
chunks = []
buf = list(range(7))
while chunk := buf[:3]:
    chunks.append(chunk)
    buf = buf[3:]
print(chunks)
print((z := 5) + z, z)
print({k: (s := k * 2) for k in "ab"}, s)
