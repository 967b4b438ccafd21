# The traceback module: formatting, printing and extracting tracebacks and
# stacks, as CPython 3.11's does (carets included).
import sys
import io
import traceback
import linecache


def inner():
    return {}["missing"]


def outer():
    try:
        inner()
    except KeyError as e:
        raise ValueError("wrapped") from e


def fails(n):
    if n == 0:
        raise RuntimeError("deep")
    return fails(n - 1)


print(repr(traceback.format_exc()))
try:
    outer()
except ValueError as e:
    err = e
    text = traceback.format_exc()
print(text, end="")
print(traceback.format_exc(chain=False), end="")
print(traceback.format_exception(err, limit=1))
print(traceback.format_exception(err, limit=-1))
print(traceback.format_exception(type(err), err, err.__traceback__, chain=False))
print(traceback.format_exception_only(err))
print(traceback.format_exception_only(type(err), err))
print(traceback.format_tb(err.__traceback__))
buf = io.StringIO()
traceback.print_exception(err, file=buf)
print(buf.getvalue() == text)
buf = io.StringIO()
traceback.print_tb(err.__traceback__, file=buf)
print(repr(buf.getvalue()))

# Context (not cause), and a context that is suppressed.
try:
    try:
        1 / 0
    except ZeroDivisionError:
        [][1]
except IndexError:
    traceback.print_exc(file=sys.stdout)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError("k") from None
except KeyError:
    traceback.print_exc(file=sys.stdout)

# Recursion folds after three repeats.
try:
    fails(30)
except RuntimeError as e:
    lines = traceback.format_exception(e)
    print(len(lines))
    print("".join(lines[-4:]), end="")

# Summaries.
s = traceback.extract_tb(err.__traceback__)
print(s)
print(len(s), s[0].name, s[0].lineno, s[0].line, s[0].filename.endswith(".py"))
print(list(s[-1]), s[-1] == tuple(s[-1]), s[0] == s[0], s[0] == s[-1])
print(s[-1].colno, s[-1].end_colno, s[-1].end_lineno)
print(traceback.format_list(s))
print(traceback.format_list([("file.py", 3, "f", "x = 1")]))
print([(f.f_code.co_name, n) for f, n in traceback.walk_tb(err.__traceback__)])

# Stacks have no carets.
def stack_here():
    return traceback.extract_stack(), traceback.format_stack(limit=1)
st, fmt = stack_here()
print(st[-1].name, st[-1].line, fmt)
def printer():
    traceback.print_stack(file=sys.stdout, limit=2)
printer()

# TracebackException.
te = traceback.TracebackException.from_exception(err)
print(te.exc_type.__name__, str(te), te.__cause__.exc_type.__name__, te.__context__)
print(list(te.format(chain=False)) == traceback.format_exception(err, chain=False))
print("".join(te.format_exception_only()), end="")
te2 = traceback.TracebackException(type(err), err, err.__traceback__)
print(te == te2)

# Syntax errors and notes.
try:
    compile("x = (1,\n 2 +", "<snippet>", "exec")
except SyntaxError as e:
    print(traceback.format_exception_only(e))
try:
    e = TypeError("with notes")
    e.add_note("first note")
    e.add_note("second note")
    raise e
except TypeError as e:
    print(traceback.format_exception_only(e))
print(traceback.format_exception_only(None))
print(traceback.format_exception(None))

# Wrong arguments.
try:
    traceback.format_exception(err, err)
except ValueError as e:
    print("ValueError:", e)
try:
    traceback.format_exception(42)
except TypeError as e:
    print("TypeError:", e)

# linecache.
here = __file__
print(repr(linecache.getline(here, 1)))
print(repr(linecache.getline(here, 100000)), repr(linecache.getline("<string>", 1)))
print(len(linecache.getlines(here)) > 100)
linecache.clearcache()
print(linecache.cache)

# Locals of finished frames, and capture_locals.
def with_locals(a):
    b = [a]
    raise KeyError(a)
try:
    with_locals(7)
except KeyError as e:
    inner_tb = e.__traceback__.tb_next
    print(inner_tb.tb_frame.f_locals)
    te = traceback.TracebackException(type(e), e, inner_tb, capture_locals=True)
    print("".join(te.format()), end="")
