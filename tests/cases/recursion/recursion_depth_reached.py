# With limit 100 set from module level, a self-recursive function reaches a fixed depth before RecursionError.
import sys
sys.setrecursionlimit(100)
deepest = 0
def dive(n):
    global deepest
    deepest = n
    dive(n + 1)
try:
    dive(1)
except RecursionError:
    pass
print(deepest)
sys.setrecursionlimit(1000)
