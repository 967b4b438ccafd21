# str() of numbers, None, bools and containers (containers use repr of items).
print(str(1) + str(2.5) + str(None) + str(True))
print(str([1, 'a', 2.0, None]))
print(str((1, 'b')), str({'k': 'v', 2: [3]}))
print(str('already'), str(-0), str(2 ** 70))
print(len(str(12345)), str(12) * 2)
