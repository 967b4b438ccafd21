# except* clauses run in order, each taking the matching leaves (subclasses included); nested structure is kept.
class AppError(Exception): pass
class DbError(AppError): pass
class NetError(AppError): pass
def leaves(eg):
    out = []
    for e in eg.exceptions:
        out.extend(leaves(e) if isinstance(e, BaseExceptionGroup) else [repr(e)])
    return out
eg = ExceptionGroup("root", [
    DbError("db down"),
    ExceptionGroup("net", [NetError("timeout"), ValueError("bad port")]),
    AppError("generic"),
    OSError("disk"),
])
try:
    try:
        raise eg
    except* DbError as e:
        print("Db:", leaves(e), e.message)
    except* AppError as e:
        print("App:", leaves(e), [type(x).__name__ for x in e.exceptions])
    except* ValueError as e:
        print("Value:", repr(e))
except ExceptionGroup as rest:
    print("rest:", repr(rest))
try:
    raise ExceptionGroup("empty after", [ValueError()])
except* ValueError:
    print("all handled")
else:
    print("else not run")
finally:
    print("finally")
try:
    try:
        raise ExceptionGroup("x", [ZeroDivisionError()])
    except* ArithmeticError as e:
        print("arith:", repr(e))
except Exception:
    print("should not propagate")
