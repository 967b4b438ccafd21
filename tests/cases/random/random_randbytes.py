# random: randbytes(n) is getrandbits(n * 8) in little-endian order, as CPython's
import random
r = random.Random(12345)
for n in [0, 1, 2, 3, 4, 5, 8, 13, 32]:
    b = r.randbytes(n)
    print(n, type(b).__name__, len(b), b)
r.seed(7)
a = r.randbytes(10)
r.seed(7)
print(a == r.getrandbits(80).to_bytes(10, 'little'))
random.seed(99)
print(random.randbytes(6), 'randbytes' in random.__all__)
for bad in [-1, 1.5, '3']:
    try:
        r.randbytes(bad)
    except Exception as e:
        print(type(e).__name__, e)
class Fixed(random.Random):
    def getrandbits(self, k):
        return (1 << k) - 1
print(Fixed(0).randbytes(3))
