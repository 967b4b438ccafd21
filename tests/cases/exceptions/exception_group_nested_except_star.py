# except* with nested groups and several clauses; what is left is re-raised as a group.
def raiser():
    raise ExceptionGroup("top", [
        ValueError("v1"),
        ExceptionGroup("mid", [TypeError("t1"), ValueError("v2")]),
        KeyError("k"),
    ])
try:
    try:
        raiser()
    except* ValueError as eg:
        print("V:", eg.exceptions)
    except* TypeError as eg:
        print("T:", eg.exceptions)
except* KeyError as eg:
    print("outer K:", repr(eg))
try:
    raise ExceptionGroup("only keys", [KeyError(1)])
except* (KeyError, IndexError) as eg:
    print("tuple clause:", repr(eg))
