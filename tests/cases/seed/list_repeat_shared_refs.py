# [inner]*3 repeats references, so all three slots are the same list.
x = [[]] * 3
x[0].append(1)
print(x)
print(x[0] is x[2])
y = [[], [], []]
y[0].append(1)
print(y)
print(y[0] is y[2])
