# Unpacking in tight loops: tuples and lists of fixed size unpacked into
# names, starred targets, nested targets, swaps, and for-loop targets.
# Prints running sums so every unpacked value is used.
#
#     python3 bench/unpack_sequence.py [iterations]

import sys


def fixed_tuples(n):
    t = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
    acc = 0
    for _ in range(n):
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        acc += a + j
    return acc


def fixed_lists(n):
    l = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    acc = 0
    for _ in range(n):
        a, b, c, d, e, f, g, h, i, j = l
        a, b, c, d, e, f, g, h, i, j = l
        a, b, c, d, e, f, g, h, i, j = l
        a, b, c, d, e, f, g, h, i, j = l
        acc += b + i
    return acc


def swaps(n):
    x, y, z = 1, 2, 3
    for _ in range(n):
        x, y = y, x
        x, y, z = z, x, y
        y, z = z, y
        x, y, z = y, z, x
    return x * 100 + y * 10 + z


def starred(n):
    row = (3, 1, 4, 1, 5, 9, 2, 6)
    acc = 0
    for k in range(n):
        first, *middle, last = row
        head, *tail = middle
        *init, end = tail
        acc += first + last + head + end + len(init) + k % 3
    return acc


def nested(n):
    pairs = [((i, i + 1), [i * 2, (i * 3, i * 4)]) for i in range(16)]
    acc = 0
    for _ in range(n // 16):
        for (a, b), [c, (d, e)] in pairs:
            acc += a - b + c - d + e
    return acc


def enumerate_zip(n):
    xs = list(range(64))
    ys = [x * x for x in xs]
    acc = 0
    for _ in range(n // 64):
        for i, (x, y) in enumerate(zip(xs, ys)):
            acc += i * 3 + x - y
        for k, v in {'a': 1, 'b': 2, 'c': 3}.items():
            acc += v
    return acc


def main(n):
    print('tuples', fixed_tuples(n))
    print('lists', fixed_lists(n))
    print('swaps', swaps(n))
    print('starred', starred(n // 4))
    print('nested', nested(n))
    print('enumerate/zip', enumerate_zip(n))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000000)
