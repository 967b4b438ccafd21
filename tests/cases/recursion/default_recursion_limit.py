# sys.getrecursionlimit() defaults to 1000 and reflects sys.setrecursionlimit().
import sys
print(sys.getrecursionlimit())
sys.setrecursionlimit(1500)
print(sys.getrecursionlimit())
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
