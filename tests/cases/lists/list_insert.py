# list.insert clamps out-of-range indices and counts negative ones from the end.
l = [1, 2, 3]
l.insert(0, 'start')
print(l)
l.insert(2, 'mid')
print(l)
l.insert(-1, 'before-last')
print(l)
l.insert(100, 'end')
print(l)
l.insert(-100, 'very-start')
print(l)
e = []
e.insert(5, 'only')
print(e)
