# list.append adds at the end and list.pop() removes from the end, returning the item.
l = []
for i in range(5):
    l.append(i * i)
print(l, len(l))
print(l.pop(), l)
print(l.pop(0), l)
r = l.append(99)
print(r, l)
try:
    [].pop()
except IndexError as e:
    print('IndexError:', e)
