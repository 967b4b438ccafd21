# bool is an int subclass: arithmetic on True/False gives ints.
print(True + True, True * 10, False - 1, True / 2)
print(True == 1, False == 0, True == 2)
print(sum([True, True, False, True]))
print(-True, ~True, True & False, True | False, True ^ True)
print(repr(True), str(False), int(True), float(False))
print(bool(2) is True, bool(0) is False)
print(max(True, 2), min(False, -1))
