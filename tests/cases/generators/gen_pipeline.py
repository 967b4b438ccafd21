# Generator pipelines: lazy stages pull values one at a time.
def numbers(n):
    for i in range(n):
        print("produce", i)
        yield i

def squares(src):
    for x in src:
        yield x * x

def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x

pipe = evens(squares(numbers(5)))
print("built")
for v in pipe:
    print("consume", v)
