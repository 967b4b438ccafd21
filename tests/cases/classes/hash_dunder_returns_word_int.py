# a __hash__ returning an int that fits a machine word is the hash itself (-1 becomes -2); larger ints are hashed
class H:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h


for v in (5, -1, -2, 2**61, 2**62 + 7, -(2**63), hash("abc"), 2**64, -(2**70)):
    print(v, hash(H(v)))
