# Instances stored in lists and dicts keep identity; attribute updates are visible everywhere.
class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
head = None
for v in [3, 2, 1]:
    n = Node(v)
    n.next = head
    head = n
cur = head
out = []
while cur is not None:
    out.append(cur.value)
    cur = cur.next
print(out)
by_name = {'first': head, 'second': head.next}
by_name['first'].value = 100
print(head.value, by_name['second'].value, by_name['first'] is head)
