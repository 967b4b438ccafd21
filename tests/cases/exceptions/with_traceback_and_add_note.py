# with_traceback returns the same exception; add_note appends to __notes__ and validates its argument.
def fail():
    raise ValueError("bad")
try:
    fail()
except ValueError as e:
    tb = e.__traceback__
    e2 = e.with_traceback(None)
    print(e2 is e, e.__traceback__ is None, tb is not None, tb.tb_next is not None)
    e3 = e.with_traceback(tb)
    print(e3.__traceback__ is tb)
e = KeyError("k")
print(hasattr(e, "__notes__"))
e.add_note("first note")
e.add_note("second")
print(e.__notes__, str(e))
try:
    e.add_note(42)
except TypeError as t:
    print("TypeError:", t)
try:
    try:
        raise RuntimeError("boom")
    except RuntimeError as r:
        r.add_note("while doing X")
        raise
except RuntimeError as r:
    print(r.__notes__, r.args)
