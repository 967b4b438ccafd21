# N-queens, two ways: filtering itertools.permutations of the columns with
# set comprehensions (each permutation already keeps rows and columns
# distinct; the diagonals must be too), and a recursive generator that
# yields partial placements. Prints solution counts and the first solutions.
#
#     python3 bench/nqueens.py [n]

import sys
from itertools import permutations


def by_permutations(n):
    rows = range(n)
    for cols in permutations(rows):
        if (n == len({cols[r] + r for r in rows})
                == len({cols[r] - r for r in rows})):
            yield cols


def extend(placed, n):
    """Yield every safe completion of the queens `placed` (one per row)."""
    row = len(placed)
    if row == n:
        yield tuple(placed)
        return
    for col in range(n):
        if all(col != c and abs(col - c) != row - r for r, c in enumerate(placed)):
            placed.append(col)
            yield from extend(placed, n)
            placed.pop()


def by_backtracking(n):
    return extend([], n)


def main(n):
    solutions = list(by_permutations(n))
    print('permutations: %d solutions for %d queens' % (len(solutions), n))
    print('first:', solutions[0], 'last:', solutions[-1])
    for size in range(4, n + 3):
        found = list(by_backtracking(size))
        print('backtracking: %d solutions for %d queens, first %s'
              % (len(found), size, found[0]))
    assert set(by_backtracking(n)) == set(solutions)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
