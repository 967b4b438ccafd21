# Deep recursion raises RecursionError; the interpreter stays usable afterwards.
import sys
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(500))
try:
    depth(10 ** 6)
except RecursionError as e:
    print("RecursionError:", e)
print(depth(100), sys.getrecursionlimit())
def mutual_a(n):
    return n if n <= 0 else mutual_b(n - 1)
def mutual_b(n):
    return mutual_a(n - 1)
print(mutual_a(300))
