# Ordering comparison between int and str raises TypeError.
values = [3, 1, 2]
print(values[0] < values[1])
print(values[0] < 'x')
