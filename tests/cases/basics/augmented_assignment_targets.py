# Augmented assignment on subscripts and attributes evaluates the target expression once; in-place vs rebinding.
log = []
class Box:
    def __init__(self):
        self.items = [1]
        self.n = 0
box = Box()
def get_box():
    log.append("get_box")
    return box
def key(k):
    log.append("key " + str(k))
    return k
get_box().n += 5
get_box().items += [2]
data = {"a": 1}
def get_data():
    log.append("get_data")
    return data
get_data()[key("a")] *= 10
print(box.n, box.items, data, log)
lst = [1, 2]
alias = lst
lst += [3]
print(alias is lst, alias)
tup = (1, 2)
talias = tup
tup += (3,)
print(talias is tup, talias, tup)
s = "ab"
s *= 3
print(s)
t = ([1],)
try:
    t[0] += [2]
except TypeError as e:
    print("TypeError:", e, t)
n = 7
n //= 2; n **= 3; n %= 10; n <<= 2; n |= 1; n ^= 3; n >>= 1; n &= 6; n -= 1
print(n)
