# Float objects: many small Point instances built from sin/cos, normalised
# with sqrt, then reduced to the component-wise maximum; then a damped
# oscillator stepped through time. Float arithmetic through attributes and
# method calls, math functions, short-lived instances.
#
#     python3 bench/float.py [points]

import sys
from math import sin, cos, sqrt, atan2, exp


class Point:
    __slots__ = ('x', 'y', 'z')

    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def __repr__(self):
        return '<Point: x=%.9f, y=%.9f, z=%.9f>' % (self.x, self.y, self.z)

    def normalize(self):
        x = self.x
        y = self.y
        z = self.z
        norm = sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


class Vec:
    """An immutable 2-vector with operators, as a physics toy would use."""

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def length(self):
        return sqrt(self.x * self.x + self.y * self.y)

    def angle(self):
        return atan2(self.y, self.x)


def points_max(n):
    points = [Point(i) for i in range(n)]
    for p in points:
        p.normalize()
    best = points[0]
    for p in points[1:]:
        best = best.maximize(p)
    return best


def oscillator(steps):
    pos = Vec(1.0, 0.0)
    vel = Vec(0.0, 1.0)
    dt = 0.001
    total_angle = 0.0
    for k in range(steps):
        damping = exp(-k * dt * 0.01)
        acc = pos * -damping
        vel = vel + acc * dt
        pos = pos + vel * dt
        total_angle += pos.angle()
    return pos.length(), total_angle


def main(n):
    for round_ in range(3):
        print(points_max(n))
    length, angle = oscillator(n)
    print('oscillator: %.9f %.6f' % (length, angle))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 200000)
