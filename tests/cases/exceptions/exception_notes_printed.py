# add_note: notes are printed after the exception line in the traceback.
def check(x):
    if x < 0:
        e = ValueError("negative")
        e.add_note(f"while checking {x}")
        e.add_note("values must be >= 0")
        raise e
    return x
print(check(1))
try:
    ValueError().add_note(5)
except TypeError as err:
    print(err)
check(-3)
