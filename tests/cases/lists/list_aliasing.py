# Two names for one list see each other's mutations; a slice copy does not.
a = [1, 2, 3]
b = a
c = a[:]
b.append(4)
a[0] = 'first'
print(a, b, c)
print(a is b, a is c, a == b)
def mutate(lst):
    lst.append('from function')
mutate(a)
print(b)
