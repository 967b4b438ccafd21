# Adjacent local loads and stores on one line run as one instruction in
# ouro (superinstructions); errors and tracebacks must still name the
# half that failed, and handlers around either half must catch it.

def second_unbound(flag):
    if flag:
        b = 1
    a = 2
    return a + b          # LOAD_FAST a, LOAD_FAST b: b is unbound


def first_unbound(flag):
    if flag:
        a = 1
    b = 2
    return a + b          # a is unbound


def store_then_load(flag):
    if flag:
        y = 0
    x = 5; print(x, y)    # STORE_FAST x, LOAD_FAST y on one line


def const_then_load(flag):
    if flag:
        z = 1
    return 1 + z          # LOAD_CONST 1, LOAD_FAST z


for f in (second_unbound, first_unbound, store_then_load, const_then_load):
    print(f.__name__, f(True))
    try:
        f(False)
    except UnboundLocalError as e:
        tb = e.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        print(" ", type(e).__name__, e, "line", tb.tb_lineno, tb.tb_frame.f_code.co_name)


def swap(a, b):
    a, b = b, a           # STORE_FAST a, STORE_FAST b
    return a, b


def pairs(n):
    total = 0
    for i in range(n):
        j = i; k = j      # stores and loads across statements on one line
        total += i * j + k
    return total


print(swap(1, 2), pairs(10))


def handler_between(flag):
    try:
        if flag:
            q = 1
        p = 0
        r = p + q
    except UnboundLocalError as e:
        return f"caught: {e}"
    return r


print(handler_between(True), handler_between(False))
