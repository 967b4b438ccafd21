# int.bit_length() and int.bit_count() on small, big, negative ints and bools (random's _randbelow needs bit_length)
print(0 .bit_length(), (1).bit_length(), (-1).bit_length(), (255).bit_length(), (-256).bit_length(), (2**63).bit_length(), (-2**63).bit_length(), (2**1000 - 1).bit_length(), True.bit_length())
print((0).bit_count(), (255).bit_count(), (-255).bit_count(), (2**100 + 7).bit_count(), (-2**63).bit_count())
try:
    (5).bit_length(1)
except TypeError as e:
    print(e)
print(int.bit_length(7), bool.bit_count(True))
