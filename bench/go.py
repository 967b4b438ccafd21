# A small Go player: a 9x9 board with captures, suicide and simple-ko rules,
# random playouts that do not fill their own eyes, area scoring, and a
# Monte Carlo move chooser that spreads playouts over the candidate moves
# with the UCB1 rule. Two such players play a short game against each
# other from a fixed seed. Prints the moves and the final score.
#
#     python3 bench/go.py [playouts-per-move]

import math
import random
import sys

SIZE = 9
EMPTY, BLACK, WHITE = 0, 1, 2
PASS = -1
KOMI = 7.5


def build_tables(size):
    neighbours = []
    diagonals = []
    for pt in range(size * size):
        r, c = divmod(pt, size)
        near = []
        for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            if 0 <= r + dr < size and 0 <= c + dc < size:
                near.append((r + dr) * size + c + dc)
        neighbours.append(tuple(near))
        diag = []
        for dr, dc in ((-1, -1), (-1, 1), (1, -1), (1, 1)):
            if 0 <= r + dr < size and 0 <= c + dc < size:
                diag.append((r + dr) * size + c + dc)
        diagonals.append(tuple(diag))
    return neighbours, diagonals


NEIGHBOURS, DIAGONALS = build_tables(SIZE)


def name(pt):
    if pt == PASS:
        return 'pass'
    r, c = divmod(pt, SIZE)
    return 'ABCDEFGHJ'[c] + str(SIZE - r)


class Board:
    def __init__(self):
        self.points = [EMPTY] * (SIZE * SIZE)
        self.to_move = BLACK
        self.ko = PASS
        self.passes = 0
        self.history = []

    def copy(self):
        other = Board.__new__(Board)
        other.points = self.points[:]
        other.to_move = self.to_move
        other.ko = self.ko
        other.passes = self.passes
        other.history = []
        return other

    def group(self, pt):
        """The stones connected to `pt` and whether they have a liberty."""
        points = self.points
        color = points[pt]
        stones = [pt]
        seen = {pt}
        free = False
        i = 0
        while i < len(stones):
            for n in NEIGHBOURS[stones[i]]:
                v = points[n]
                if v == EMPTY:
                    free = True
                elif v == color and n not in seen:
                    seen.add(n)
                    stones.append(n)
            i += 1
        return stones, free

    def play(self, pt):
        """Play `pt` for the side to move; False (board unchanged) if illegal."""
        if pt == PASS:
            self.passes += 1
            self.ko = PASS
            self.to_move = 3 - self.to_move
            self.history.append(pt)
            return True
        points = self.points
        if points[pt] != EMPTY or pt == self.ko:
            return False
        me = self.to_move
        them = 3 - me
        points[pt] = me
        captured = []
        for n in NEIGHBOURS[pt]:
            if points[n] == them:
                stones, free = self.group(n)
                if not free:
                    for s in stones:
                        points[s] = EMPTY
                    captured.extend(stones)
        if not captured:
            stones, free = self.group(pt)
            if not free:
                points[pt] = EMPTY
                return False
        # Simple ko: a single stone capturing a single stone.
        if len(captured) == 1 and all(points[n] != me for n in NEIGHBOURS[pt]):
            self.ko = captured[0]
        else:
            self.ko = PASS
        self.passes = 0
        self.to_move = them
        self.history.append(pt)
        return True

    def is_eye(self, pt, color):
        points = self.points
        for n in NEIGHBOURS[pt]:
            if points[n] != color:
                return False
        bad = 0
        for d in DIAGONALS[pt]:
            if points[d] == 3 - color:
                bad += 1
        if len(DIAGONALS[pt]) < 4:
            return bad == 0
        return bad < 2

    def candidates(self):
        me = self.to_move
        points = self.points
        return [pt for pt in range(SIZE * SIZE)
                if points[pt] == EMPTY and pt != self.ko and not self.is_eye(pt, me)]

    def random_playout(self, rng, max_moves):
        moves = 0
        while self.passes < 2 and moves < max_moves:
            options = self.candidates()
            while options:
                i = rng.randrange(len(options))
                pt = options[i]
                if self.play(pt):
                    break
                options[i] = options[-1]
                options.pop()
            else:
                self.play(PASS)
            moves += 1

    def score(self):
        """Area score, black minus white minus komi."""
        points = self.points
        total = 0
        for pt in range(SIZE * SIZE):
            v = points[pt]
            if v == BLACK:
                total += 1
            elif v == WHITE:
                total -= 1
            else:
                near = {points[n] for n in NEIGHBOURS[pt]}
                if near == {BLACK}:
                    total += 1
                elif near == {WHITE}:
                    total -= 1
        return total - KOMI

    def show(self):
        rows = []
        for r in range(SIZE):
            rows.append(' '.join('.XO'[v] for v in self.points[r * SIZE:(r + 1) * SIZE]))
        return '\n'.join(rows)


class Arm:
    __slots__ = ('move', 'wins', 'visits')

    def __init__(self, move):
        self.move = move
        self.wins = 0
        self.visits = 0


def choose_move(board, rng, playouts, width=10):
    """Flat Monte Carlo over the legal moves, UCB1 to pick what to sample."""
    me = board.to_move
    arms = []
    legal = board.candidates()
    # Consider a random handful of the moves (a cheap form of widening).
    if len(legal) > width:
        legal = rng.sample(legal, width)
    for pt in sorted(legal):
        trial = board.copy()
        if trial.play(pt):
            arms.append(Arm(pt))
    if not arms:
        return PASS
    for t in range(1, playouts + 1):
        log_t = math.log(t)
        best = None
        best_value = -1.0
        for arm in arms:
            if arm.visits == 0:
                best = arm
                break
            value = arm.wins / arm.visits + math.sqrt(2.0 * log_t / arm.visits)
            if value > best_value:
                best_value = value
                best = arm
        trial = board.copy()
        trial.play(best.move)
        trial.random_playout(rng, 3 * SIZE * SIZE)
        score = trial.score()
        if (score > 0) == (me == BLACK):
            best.wins += 1
        best.visits += 1
    chosen = max(arms, key=lambda a: (a.visits, a.wins, -a.move))
    if chosen.wins * 10 < chosen.visits:
        return PASS     # hopeless: resign the point by passing
    return chosen.move


def main(playouts):
    rng = random.Random(2024)
    board = Board()
    moves = []
    for _ in range(12):
        move = choose_move(board, rng, playouts)
        board.play(move)
        moves.append(name(move))
        if board.passes >= 2:
            break
    print('moves:', ' '.join(moves))
    print(board.show())
    final = board.copy()
    final.random_playout(random.Random(7), 3 * SIZE * SIZE)
    print('score after a random finish: %+.1f' % final.score())


main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
