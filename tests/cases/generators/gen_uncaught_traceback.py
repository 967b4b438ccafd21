# An exception escaping a generator shows the generator's frame in the traceback.
def numbers():
    yield 1
    yield 1 // 0

def consume():
    for n in numbers():
        print(n)

consume()
