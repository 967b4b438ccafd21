# try/except/else/finally execution order when each block returns, breaks or raises.
log = []
def f(mode):
    try:
        log.append("try")
        if mode == "raise":
            raise ValueError
        if mode == "return-try":
            return "from try"
    except ValueError:
        log.append("except")
        return "from except"
    else:
        log.append("else")
        if mode == "raise-else":
            raise KeyError("else")
        return "from else"
    finally:
        log.append("finally")
        if mode == "override":
            return "from finally"
for mode in ("plain", "raise", "return-try", "override", "raise-else"):
    log.clear()
    try:
        r = f(mode)
    except KeyError as e:
        r = "KeyError " + str(e)
    print(mode, "->", r, log)
def g():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            print("finally", i)
    else:
        print("no break")
    return i
print(g())
