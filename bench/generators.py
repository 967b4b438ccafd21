# Generator pipelines: a tree walked with nested `yield from`, a chain of
# filter/map stages each a generator function, generator expressions fed to
# sum/max, a coroutine-style accumulator driven by send, and itertools-free
# windowing. Prints the results of each pipeline.
#
#     python3 bench/generators.py [size]

import sys


class Tree:
    def __init__(self, left, value, right):
        self.left = left
        self.value = value
        self.right = right

    def __iter__(self):
        if self.left is not None:
            yield from self.left
        yield self.value
        if self.right is not None:
            yield from self.right


def build(lo, hi):
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return Tree(build(lo, mid), mid, build(mid + 1, hi))


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def keep(pred, items):
    for item in items:
        if pred(item):
            yield item


def scale(k, items):
    for item in items:
        yield item * k


def pairwise_sums(items):
    it = iter(items)
    try:
        prev = next(it)
    except StopIteration:
        return
    for item in it:
        yield prev + item
        prev = item


def window(items, size):
    buf = []
    for item in items:
        buf.append(item)
        if len(buf) == size:
            yield tuple(buf)
            del buf[0]


def running_mean():
    total = 0
    count = 0
    mean = None
    while True:
        value = yield mean
        total += value
        count += 1
        mean = total / count


def depth_chain(items, depth):
    """`depth` nested pass-through generators around `items`."""
    if depth == 0:
        yield from items
    else:
        yield from depth_chain(items, depth - 1)


def main(n):
    tree = build(0, n // 4)
    print('tree walk sum', sum(tree))
    print('tree walk max of evens', max(v for v in tree if v % 2 == 0))

    stage = numbers(n)
    stage = keep(lambda x: x % 3 != 0, stage)
    stage = scale(7, stage)
    stage = pairwise_sums(stage)
    stage = keep(lambda x: x % 5 == 1, stage)
    print('pipeline sum', sum(stage))

    print('windows', sum(a * b - c for a, b, c in window(numbers(n // 2), 3)))

    acc = running_mean()
    next(acc)
    mean = None
    for value in numbers(n // 2):
        mean = acc.send(value % 101)
    acc.close()
    print('running mean %.6f' % mean)

    print('deep chain', sum(depth_chain(numbers(n // 8), 20)))
    squares = (x * x for x in range(n // 2))
    print('genexp', sum(x for x in squares if x & 1))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 800000)
