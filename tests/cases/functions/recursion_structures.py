# Recursion over nested structures: flatten, permutations, Towers of Hanoi, tree depth, mutual recursion.
def flatten(x):
    if isinstance(x, (list, tuple)):
        out = []
        for item in x:
            out.extend(flatten(item))
        return out
    return [x]
print(flatten([1, [2, (3, [4, [5]])], [], 6]))
def perms(seq):
    if len(seq) <= 1:
        return [seq]
    return [seq[i] + p for i in range(len(seq)) for p in perms(seq[:i] + seq[i + 1:])]
print(perms("abc"))
moves = []
def hanoi(n, src, dst, via):
    if n:
        hanoi(n - 1, src, via, dst)
        moves.append(src + dst)
        hanoi(n - 1, via, dst, src)
hanoi(3, "A", "C", "B")
print(len(moves), " ".join(moves))
tree = {"v": 1, "kids": [{"v": 2, "kids": []}, {"v": 3, "kids": [{"v": 4, "kids": []}]}]}
def depth(t):
    return 1 + max([depth(k) for k in t["kids"]], default=0)
def total(t):
    return t["v"] + sum(total(k) for k in t["kids"])
print(depth(tree), total(tree))
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))
def is_even(n): return True if n == 0 else is_odd(n - 1)
def is_odd(n): return False if n == 0 else is_even(n - 1)
print(is_even(50), is_odd(7))
