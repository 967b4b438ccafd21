# An exception raised while handling another prints "During handling ..." with both tracebacks and exit status 1.
class Resource:
    def close(self):
        raise OSError("close failed")

def work(r):
    try:
        [][0]
    except IndexError:
        r.close()

print("start")
work(Resource())
