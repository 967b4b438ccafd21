# Spectral norm (after the benchmarks game): the largest singular value of
# the infinite matrix A[i][j] = 1 / ((i + j)(i + j + 1) / 2 + i + 1),
# truncated to n x n, by power iteration on A^T A. Float division, nested
# loops, generator expressions with sum(), zip.
#
#     python3 bench/spectral_norm.py [n]

import sys


def a(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + i + 1)


def times(v):
    """A times v."""
    n = len(v)
    return [sum(a(i, j) * vj for j, vj in enumerate(v)) for i in range(n)]


def times_transposed(v):
    """A^T times v."""
    n = len(v)
    return [sum(a(j, i) * vj for j, vj in enumerate(v)) for i in range(n)]


def times_ata(v):
    return times_transposed(times(v))


def main(n):
    u = [1.0] * n
    for _ in range(10):
        v = times_ata(u)
        u = times_ata(v)
    vbv = vv = 0.0
    for ue, ve in zip(u, v):
        vbv += ue * ve
        vv += ve * ve
    print('n =', n)
    print('%.9f' % (vbv / vv) ** 0.5)
    print('u[:3] = %.9f %.9f %.9f' % (u[0], u[1], u[2]))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
