# [None]*5 holds five references to the one None object.
x = [None] * 5
print(x)
print(x[0] is x[4])
print(x[0] is None)
print(id(x[1]) == id(None))
x[2] = 3
print(x)
print(x[2] is x[3])
print(len(x))
