# Chaos game with splines: three uniform cubic B-spline curves each define a
# "thick curve" map of the unit square into the plane (x runs along the
# curve, y across it along the curve's normal). A point jumps through
# randomly chosen maps, and its positions are plotted into an in-memory
# grid; the result is a fractal of curved strokes. Prints grid statistics.
# Objects with float math, de Boor evaluation, random numbers.
#
#     python3 bench/chaos.py [points]

import math
import random
import sys


class GVector:
    __slots__ = ('x', 'y')

    def __init__(self, x=0.0, y=0.0):
        self.x = x
        self.y = y

    def __add__(self, other):
        return GVector(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return GVector(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return GVector(self.x * k, self.y * k)

    def length(self):
        return math.sqrt(self.x * self.x + self.y * self.y)

    def linear_combination(self, other, l1, l2):
        return GVector(self.x * l1 + other.x * l2, self.y * l1 + other.y * l2)

    def __repr__(self):
        return '<%.6f, %.6f>' % (self.x, self.y)


class Spline:
    """A cubic B-spline with a clamped uniform knot vector over [0, 1]."""

    degree = 3

    def __init__(self, points):
        if len(points) <= self.degree:
            raise ValueError('a cubic spline needs at least 4 control points')
        self.points = points
        inner = len(points) - self.degree
        self.knots = ([0.0] * self.degree
                      + [i / inner for i in range(inner + 1)]
                      + [1.0] * self.degree)

    def span(self, u):
        """The knot interval index k with knots[k] <= u < knots[k + 1]."""
        knots = self.knots
        k = self.degree
        last = len(self.points) - 1
        while k < last and knots[k + 1] <= u:
            k += 1
        return k

    def __call__(self, u):
        # de Boor's algorithm.
        k = self.span(u)
        p = self.degree
        d = [self.points[j + k - p] for j in range(p + 1)]
        knots = self.knots
        for r in range(1, p + 1):
            for j in range(p, r - 1, -1):
                left = knots[j + k - p]
                right = knots[j + 1 + k - r]
                alpha = (u - left) / (right - left) if right != left else 0.0
                d[j] = d[j - 1].linear_combination(d[j], 1.0 - alpha, alpha)
        return d[p]


class ThickCurve:
    def __init__(self, spline, thickness):
        self.spline = spline
        self.thickness = thickness

    def apply(self, point):
        u = min(max(point.x, 0.0), 1.0)
        here = self.spline(u)
        du = 1e-4 if u < 0.5 else -1e-4
        tangent = self.spline(u + du) - here
        if du < 0:
            tangent = tangent * -1.0
        length = tangent.length()
        if length == 0.0:
            return here
        normal = GVector(-tangent.y / length, tangent.x / length)
        return here + normal * ((point.y - 0.5) * self.thickness)


class ChaosGame:
    def __init__(self, maps, weights, width, height, seed):
        self.maps = maps
        self.cumulative = []
        total = 0.0
        for w in weights:
            total += w
            self.cumulative.append(total)
        self.total = total
        self.width = width
        self.height = height
        self.rng = random.Random(seed)
        self.grid = [[0] * width for _ in range(height)]

    def pick(self):
        r = self.rng.random() * self.total
        for i, bound in enumerate(self.cumulative):
            if r < bound:
                return self.maps[i]
        return self.maps[-1]

    def run(self, points):
        # Bounding box of the attractor, then map into the unit square.
        point = GVector(self.rng.random(), self.rng.random())
        for _ in range(20):
            point = self.wrap(self.pick().apply(point))
        for _ in range(points):
            point = self.wrap(self.pick().apply(point))
            col = int(point.x * (self.width - 1))
            row = int(point.y * (self.height - 1))
            self.grid[row][col] += 1
        return point

    def wrap(self, point):
        # Keep the walk inside the unit square by folding it back.
        x = point.x % 1.0
        y = point.y % 1.0
        return GVector(x, y)


def main(points):
    maps = [
        ThickCurve(Spline([GVector(0.1, 0.1), GVector(0.2, 0.9), GVector(0.45, 0.6),
                           GVector(0.5, 0.3), GVector(0.9, 0.4)]), 0.4),
        ThickCurve(Spline([GVector(0.9, 0.9), GVector(0.7, 0.2), GVector(0.4, 0.5),
                           GVector(0.1, 0.8)]), 0.3),
        ThickCurve(Spline([GVector(0.2, 0.3), GVector(0.3, 0.1), GVector(0.6, 0.2),
                           GVector(0.8, 0.7), GVector(0.6, 0.95), GVector(0.3, 0.8)]), 0.5),
    ]
    game = ChaosGame(maps, [3.0, 2.0, 4.0], 96, 64, 1234)
    last = game.run(points)
    grid = game.grid
    hit = sum(1 for row in grid for c in row if c)
    peak = max(max(row) for row in grid)
    checksum = 0
    for r, row in enumerate(grid):
        for c, count in enumerate(row):
            checksum = (checksum * 7 + count * (r + 1) + c) % 1000000007
    print('last point', last)
    print('cells hit', hit, 'of', len(grid) * len(grid[0]))
    print('peak count', peak)
    print('checksum', checksum)
    for row in grid[::8]:
        print(''.join(' .:-=+*#%@'[min(9, c // 4)] for c in row[::2]))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 80000)
