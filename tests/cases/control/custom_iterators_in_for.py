# for loops over user iterators: __iter__/__next__, the old __getitem__ protocol, and iter(callable, sentinel).
class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self):
        print("  __iter__")
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
for v in Countdown(3):
    print(v)
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
print(list(Seq()), 9 in Seq(), 5 in Seq())
for i, v in enumerate(Seq()):
    if i == 2:
        break
print("broke at", i, v)
state = [0]
def tick():
    state[0] += 1
    return state[0]
print(list(iter(tick, 4)))
class NotIter:
    pass
try:
    for _ in NotIter():
        pass
except TypeError as e:
    print("TypeError:", e)
it = iter([1, 2, 3])
for x in it:
    if x == 1:
        print("skipping", next(it))
print(list(it))
