# Items a slice assignment or deletion removes are released in CPython's
# order: last first for a plain slice (list_ass_slice), in index order for
# an extended one (list_ass_subscript).
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)

l = [D(1), D(2), D(3), D(4), D(5), D(6)]
l[0:2] = []
print("--")
l[0:3] = [7]
print("--")
del l[0:1]
print("--", len(l))
m = [D(10), D(11), D(12), D(13), D(14)]
m[::2] = [0, 0, 0]
print("--")
del m[1::2]
print("--", m)
n = [D(20), D(21), D(22), D(23)]
del n[::-2]
print("--")
n[::-1] = [1, 2]
print("end", n)
