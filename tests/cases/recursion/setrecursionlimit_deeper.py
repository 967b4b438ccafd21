# Raising the recursion limit allows recursion deeper than the default 1000.
import sys
def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1
try:
    depth(1500)
    print('1500 ok at default limit')
except RecursionError:
    print('1500 too deep at default limit')
sys.setrecursionlimit(3000)
print(depth(1500))
print(depth(2900))
