# while compiles its test at the top and again at the bottom of the body, as CPython 3.11 does: tests run once per turn, continue goes to the top, else runs when the test fails, a warning in the test is given for each copy, lambdas and comprehensions in the test work, literal tests are decided at compile time
calls = []


def test(i, limit):
    calls.append(i)
    return i < limit


i = 0
while test(i, 4):
    i += 1
    if i == 2:
        continue
else:
    print("else after", i)
print("tests:", calls)

n = 0
while (k := n * 2) < 10 and (lambda x: x < 99)(k) and [j for j in range(k)] is not None:
    n += 1
print("walrus:", n, k)

n = 0
while n is 1:
    n += 1
print("is:", n)

n = 0
while True:
    n += 1
    if n > 3:
        break
print("true:", n)

while 0:
    print("never")
else:
    print("zero: else")

while "":
    print("never")
while None:
    print("never")

n = 3
while n:
    n -= 1
    if n == 10:
        break
else:
    print("falsy n: else")


def gen():
    x = 0
    while x < 3:
        yield x
        x += 1


print(list(gen()))
