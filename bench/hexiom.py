# Hexiom-style puzzle solver. On a hexagonal board, numbered tiles must be
# placed so that every tile's number equals how many of its (up to six)
# neighbouring cells hold a tile; the rest of the cells stay empty, and a
# few tiles are locked in place. Puzzles are made from a seeded random
# layout; the solver counts every solution by backtracking with a
# neighbour-count bound check and a most-constrained-cell choice.
# Prints each puzzle, its solution count and the first solution.
#
#     python3 bench/hexiom.py [puzzles]

import random
import sys

EMPTY = -1
UNSET = None
DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1))


class Hex:
    """A hexagonal board of side `side` in axial coordinates."""

    def __init__(self, side):
        self.side = side
        self.cells = []
        for r in range(-side + 1, side):
            for q in range(-side + 1, side):
                if abs(q + r) < side:
                    self.cells.append((q, r))
        index = {cell: i for i, cell in enumerate(self.cells)}
        self.neighbours = []
        for q, r in self.cells:
            near = []
            for dq, dr in DIRECTIONS:
                j = index.get((q + dq, r + dr))
                if j is not None:
                    near.append(j)
            self.neighbours.append(tuple(sorted(near)))

    def __len__(self):
        return len(self.cells)

    def render(self, values):
        lines = []
        i = 0
        for r in range(-self.side + 1, self.side):
            width = 2 * self.side - 1 - abs(r)
            row = values[i:i + width]
            i += width
            text = ' '.join('.' if v is EMPTY else '?' if v is UNSET else str(v) for v in row)
            lines.append(' ' * abs(r) + text)
        return '\n'.join(lines)


class Puzzle:
    def __init__(self, board, tiles, locked):
        self.board = board
        # tiles[k]: how many free tiles with number k; tiles[7]: empty cells.
        self.tiles = tiles
        self.locked = locked

    def describe(self):
        parts = ['%d x %d' % (n, k) for k, n in enumerate(self.tiles[:7]) if n]
        return ', '.join(parts) + ', %d empty, %d locked' % (self.tiles[7], len(self.locked))


def make_puzzle(board, rng, filled, locked_count):
    n = len(board)
    occupied = set(rng.sample(range(n), filled))
    solution = []
    for i in range(n):
        if i in occupied:
            solution.append(sum(1 for j in board.neighbours[i] if j in occupied))
        else:
            solution.append(EMPTY)
    locked = {}
    for i in rng.sample(sorted(occupied), locked_count):
        locked[i] = solution[i]
    tiles = [0] * 8
    for i, v in enumerate(solution):
        if i in locked:
            continue
        tiles[7 if v == EMPTY else v] += 1
    return Puzzle(board, tiles, locked), solution


class Solver:
    def __init__(self, puzzle):
        self.board = puzzle.board
        self.neighbours = puzzle.board.neighbours
        self.values = [UNSET] * len(puzzle.board)
        for i, v in puzzle.locked.items():
            self.values[i] = v
        self.remaining = list(puzzle.tiles)
        self.solutions = 0
        self.first = None
        self.nodes = 0

    def feasible(self, i):
        """Can tile cell i still see exactly its number of tiles?"""
        v = self.values[i]
        if v is UNSET or v == EMPTY:
            return True
        tiles = unset = 0
        for j in self.neighbours[i]:
            w = self.values[j]
            if w is UNSET:
                unset += 1
            elif w != EMPTY:
                tiles += 1
        return tiles <= v <= tiles + unset

    def consistent(self, i):
        if not self.feasible(i):
            return False
        for j in self.neighbours[i]:
            if not self.feasible(j):
                return False
        return True

    def pick_cell(self):
        """The unset cell with the most decided neighbours."""
        best = None
        best_score = -1
        values = self.values
        for i, v in enumerate(values):
            if v is UNSET:
                score = 0
                for j in self.neighbours[i]:
                    if values[j] is not UNSET:
                        score += 1
                if score > best_score:
                    best, best_score = i, score
        return best

    def options(self, i):
        """Values worth trying at cell i: empty, or a tile number not above
        its neighbour count."""
        limit = len(self.neighbours[i])
        out = []
        if self.remaining[7]:
            out.append(EMPTY)
        for k in range(limit + 1):
            if self.remaining[k]:
                out.append(k)
        return out

    def solve(self):
        self.nodes += 1
        i = self.pick_cell()
        if i is None:
            self.solutions += 1
            if self.first is None:
                self.first = list(self.values)
            return
        for v in self.options(i):
            slot = 7 if v == EMPTY else v
            self.values[i] = v
            self.remaining[slot] -= 1
            if self.consistent(i):
                self.solve()
            self.remaining[slot] += 1
        self.values[i] = UNSET


def main(puzzles):
    rng = random.Random(31)
    board = Hex(3)
    total_solutions = 0
    total_nodes = 0
    for p in range(puzzles):
        puzzle, answer = make_puzzle(board, rng, 11 + p % 4, 2)
        solver = Solver(puzzle)
        for i in puzzle.locked:
            if not solver.consistent(i):
                raise RuntimeError('locked tiles contradict each other')
        solver.solve()
        total_solutions += solver.solutions
        total_nodes += solver.nodes
        print('puzzle %d: %s' % (p, puzzle.describe()))
        print('  %d solutions, %d nodes' % (solver.solutions, solver.nodes))
        if p % 4 == 0:
            print(board.render(solver.first))
    print('total solutions', total_solutions, 'nodes', total_nodes)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
