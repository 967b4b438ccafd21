# Fannkuch-redux (after the benchmarks game): for every permutation of
# 0..n-1, in the order of the benchmark's rotation-based generator, count the
# prefix reversals ("pancake flips") until 0 comes first. Prints the
# alternating checksum and the largest flip count. List slicing, slice
# assignment and in-place reversal.
#
#     python3 bench/fannkuch.py [n]

import sys


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        # Flip a copy of the current permutation.
        perm = perm1[:]
        flips = 0
        first = perm[0]
        while first:
            perm[:first + 1] = perm[first::-1]
            flips += 1
            first = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += flips if sign > 0 else -flips
        sign = -sign
        # Next permutation: rotate the first r+1 items left, as many times
        # as the counters say.
        while True:
            if r == n:
                return checksum, max_flips
            head = perm1[0]
            perm1[:r] = perm1[1:r + 1]
            perm1[r] = head
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


def main(n):
    for k in range(3, n + 1):
        checksum, flips = fannkuch(k)
        print(checksum)
        print('Pfannkuchen(%d) = %d' % (k, flips))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
