# print() without file= writes to the current sys.stdout, even after it is replaced
import sys
class Capture:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
cap = Capture()
old = sys.stdout
sys.stdout = cap
print("hello", 1, sep="-")
print("x", end="")
sys.stdout = old
print(cap.parts)
sys.stdout = sys.stderr
sys.stdout = old
print("back", sys.stdout is sys.__stdout__)
