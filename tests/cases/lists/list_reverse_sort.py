# list.reverse and list.sort work in place and return None.
l = [5, 2, 8, 1, 9, 3]
print(l.reverse(), l)
print(l.sort(), l)
f = [2.5, -1, 3, 0.5, 2]
f.sort()
print(f)
s = ['pear', 'fig', 'apple', 'Banana']
s.sort()
print(s)
t = [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'a')]
t.sort()
print(t)
n = [[3], [1, 2], [1], []]
n.sort()
print(n)
big = [2 ** 70, -5, 2 ** 64, 0]
big.sort()
print(big)
try:
    [1, 'a'].sort()
except TypeError as e:
    print('TypeError:', e)
