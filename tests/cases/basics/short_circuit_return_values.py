# and/or return one of their operands (not a bool) and stop evaluating as soon as the result is known.
def loud(x):
    print("  eval", repr(x))
    return x
print(repr(loud(0) or loud("") or loud([])))
print(repr(loud(1) and loud("s") and loud([0])))
print(repr(loud(0) and loud("never")))
print(repr(loud("first") or loud("never")))
print(repr(None or 0.0), repr([] and 5), repr(3 and 0), repr("" or "default"))
print(repr(not loud([])), repr(not loud("x")))
print(repr(loud(0) or loud(2) and loud(3)), repr((loud(0) or loud(2)) and loud(3)))
class Falsy:
    def __bool__(self):
        print("  __bool__ called")
        return False
    def __repr__(self):
        return "Falsy()"
f = Falsy()
print(f or "rescued")
print(f and "never")
print(1 if f else 2)
x = None
name = x and x.name or "anonymous"
print(name)
values = [0, 3, None, "", "v"]
print([v or "-" for v in values])
