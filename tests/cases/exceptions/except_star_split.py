# except* handles the matching parts of an exception group; the rest propagates.
def run(eg):
    try:
        raise eg
    except* ValueError as e:
        print("values:", repr(e), [type(x).__name__ for x in e.exceptions])
    except* TypeError as e:
        print("types:", e.exceptions)

run(ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)]))
try:
    run(ExceptionGroup("eg", [ValueError(1), KeyError("k")]))
except ExceptionGroup as rest:
    print("unhandled:", repr(rest), rest.exceptions)

try:
    raise ValueError("naked")
except* ValueError as e:
    print("naked wrapped:", repr(e), e.exceptions)

nested = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)])])
try:
    raise nested
except* ValueError as e:
    print("nested values:", repr(e))
except* TypeError as e:
    print("nested types:", repr(e))

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        raise KeyError("new")
except ExceptionGroup as e:
    print("raised in handler:", repr(e), repr(e.exceptions[0]), repr(e.exceptions[0].__context__))
except KeyError as e:
    print("bare KeyError", repr(e))

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
except ExceptionGroup as e:
    print("re-raised:", repr(e))

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ExceptionGroup:
        pass
except TypeError as e:
    print(e)
import sys
try:
    raise ExceptionGroup("eg", [ValueError(1)])
except* ValueError:
    print("exc_info:", repr(sys.exc_info()[1]))
print("after:", sys.exc_info())
