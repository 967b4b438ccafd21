# in / not in on lists use equality (1 == 1.0 == True).
l = [1, 'a', [2], None]
print(1 in l, 'a' in l, [2] in l, None in l, 2 in l)
print(1.0 in l, True in l, 'b' not in l, [] not in l)
print(0 in [], 'x' in ['xy'])
