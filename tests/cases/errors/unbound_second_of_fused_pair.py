# `a + b` loads both locals with one superinstruction in ouro: the
# traceback must point at `b`, the half that failed.
def f():
    a = 1
    return a + b + c
    b = 2
    c = 3
f()
