# Arithmetic on ints around the 64- and 128-bit boundaries, where ouro
# computes in 128 bits and falls back to arbitrary precision on overflow:
# every operator on every pair, results summarised by a checksum of their
# decimal text, plus a few results in full.
import itertools

vals = [0, 1, -1, 2, -2, 3, -7, 7, 2**62, -2**62, 2**63 - 1, -2**63, 2**63,
        -2**63 - 1, 2**64, -2**64, 2**70 + 5, -(2**70) - 5, 2**95, -2**95,
        2**96 - 1, -(2**96) + 1, 2**126, -2**126, 2**127 - 1, -2**127,
        2**127, -2**127 - 1, 2**128, -2**128, 2**130 + 3, -(2**130) - 3,
        12345678901234567890123, -98765432109876543210]


def checksum(text):
    acc = 0
    for c in text:
        acc = (acc * 131 + ord(c)) % 1000000007
    return acc


rows = []
for a, b in itertools.product(vals, repeat=2):
    row = [a + b, a - b, a * b, a & b, a | b, a ^ b]
    if b:
        row += [a // b, a % b, divmod(a, b)]
    rows.append(row)
text = repr(rows)
print(len(rows), len(text), checksum(text))

x = 2**70
print(x + 1, x - x, type(x - x + 3).__name__, (x + 1) % 1000)
print((-x - 1) // 7, (-x - 1) % -7, (x + 12) // -5, (x + 12) % -5)
print((2**127 - 1) + 1, -2**127 - 1, (2**64) * (2**63), (2**64) * (2**64))
print(divmod(-(2**100) - 1, 3), divmod(2**100, -(2**65) + 7))
