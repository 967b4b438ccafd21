# A generator freed while suspended is closed: its finally runs at once.
def tracked(name):
    try:
        yield name
        yield name + "!"
    finally:
        print("finally", name)

g = tracked("a")
print(next(g))
print("dropping")
g = None
print("dropped")

def loop():
    for x in tracked("b"):
        print("got", x)
        break
    print("loop over")
loop()

tracked("never started")
print("unstarted generators run nothing")

def finally_raises():
    try:
        yield 1
    finally:
        raise ValueError("from finally")
f = finally_raises()
next(f)
del f
print("after reported error")
