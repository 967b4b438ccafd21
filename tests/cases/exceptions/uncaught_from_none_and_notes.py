# raise ... from None hides the context in the traceback; notes are printed after the message.
def lookup(d, key):
    try:
        return d[key]
    except KeyError:
        err = LookupError("missing setting " + repr(key))
        err.add_note("available: " + ", ".join(sorted(d)))
        raise err from None

print(lookup({"a": 1}, "a"))
lookup({"a": 1, "b": 2}, "z")
