# except*: exceptions raised inside handlers are combined with the unhandled rest into a new group.
def run(eg):
    try:
        raise eg
    except* ValueError as e:
        print("handling values", len(e.exceptions))
        raise KeyError("from value handler")
    except* TypeError as e:
        print("handling types", len(e.exceptions))
        raise
try:
    run(ExceptionGroup("batch", [ValueError(1), TypeError(2), IndexError(3)]))
except ExceptionGroup as g:
    print(repr(g))
    for sub in g.exceptions:
        print("  ", repr(sub))
        if isinstance(sub, ExceptionGroup):
            for s in sub.exceptions:
                print("     ", repr(s), repr(s.__context__))
try:
    try:
        raise ExceptionGroup("only types", [TypeError("t")])
    except* TypeError:
        raise
except ExceptionGroup as g:
    print("re-raised same group:", repr(g))
try:
    try:
        raise ValueError("naked")
    except* ValueError:
        raise
except BaseException as e:
    print("naked re-raise:", repr(e))
