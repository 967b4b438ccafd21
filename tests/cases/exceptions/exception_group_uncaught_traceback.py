# An uncaught exception group prints CPython's boxed, nested traceback.
def fail(n):
    raise ValueError(f"bad {n}")

def collect():
    errors = []
    for n in range(2):
        try:
            fail(n)
        except ValueError as e:
            errors.append(e)
    try:
        {}["missing"]
    except KeyError as e:
        errors.append(ExceptionGroup("inner", [e, TypeError("plain")]))
    raise ExceptionGroup("several failures", errors)

try:
    collect()
except* TypeError:
    print("handled the TypeError part")
