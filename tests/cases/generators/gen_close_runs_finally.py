# close() throws GeneratorExit so finally blocks run; ignoring it is a RuntimeError.
def resource(name):
    print("open", name)
    try:
        while True:
            yield name
    finally:
        print("close", name)

r = resource("a")
print(next(r))
r.close()
r.close()
print(next(r, "closed"))

def catcher():
    try:
        yield 1
    except GeneratorExit:
        print("saw GeneratorExit")
        raise
c = catcher()
next(c)
c.close()

def stubborn():
    while True:
        try:
            yield 1
        except GeneratorExit:
            print("ignoring")
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print(e)

def nested():
    yield from resource("inner")
n = nested()
print(next(n))
n.close()
print("unstarted close:", resource("never").close())
