# traceback on exception groups: the interpreter's own nested display.
import sys
import traceback

def boom(n):
    raise ValueError(f"bad {n}")

def group():
    errors = []
    for i in range(2):
        try:
            boom(i)
        except ValueError as e:
            errors.append(e)
    raise ExceptionGroup("several", errors)

try:
    group()
except ExceptionGroup as eg:
    traceback.print_exc(file=sys.stdout)
    print(traceback.format_exception_only(eg))
    te = traceback.TracebackException.from_exception(eg)
    print(len(te.exceptions), str(te))
