# return/break/continue in finally: the finally's control flow wins.
def f():
    try:
        return "try"
    finally:
        return "finally"
print(f())
def g():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(g())
def h():
    out = []
    for i in range(3):
        try:
            raise KeyError(i)
        except KeyError:
            out.append(i)
            continue
        finally:
            out.append("f")
    return out
print(h())
def k():
    while True:
        try:
            return 1
        finally:
            break
    return 2
print(k())
