# enum.Flag/IntFlag: auto powers of two, combination, inversion, iteration and membership, reprs and str as 3.11
from enum import Flag, IntFlag, auto


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Perm(Flag):
    R = 4
    W = 2
    X = 1
    RW = 6


class IP(IntFlag):
    A = auto()
    B = auto()
    C = auto()


print(Perm, IP, list(Perm), list(IP), [m.value for m in IP])
print(repr(Perm.R | Perm.W), repr(Perm.R | Perm.X), str(Perm.R | Perm.X), repr(Perm(0)), str(Perm(0)))
print(repr(~Perm.R), list(Perm.R | Perm.X), Perm.R in Perm.RW, Perm.X in Perm.RW, len(Perm.RW), bool(Perm(0)))
print(repr(Perm.R & Perm.W), repr(Perm.RW ^ Perm.R), Perm(6) is Perm.RW, (Perm.R | Perm.X) is (Perm.X | Perm.R))
print(repr(IP.A | 8), str(IP.A | IP.B), repr(~IP.A), repr(IP(0)), IP.A | IP.B == 3, IP.C + 1, isinstance(IP.A, int))
attempt(lambda: Perm(8))
attempt(lambda: Perm.R | 1)
