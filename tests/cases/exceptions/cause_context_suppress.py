# __cause__, __context__ and __suppress_context__ as set by raise, raise from X and raise from None.
def show(e):
    print(type(e).__name__, e,
          "cause=" + repr(e.__cause__),
          "context=" + repr(e.__context__),
          "suppress=" + str(e.__suppress_context__))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("implicit")
except ValueError as e:
    show(e)
try:
    try:
        {}["k"]
    except KeyError as k:
        raise RuntimeError("explicit") from k
except RuntimeError as e:
    show(e)
try:
    try:
        [][1]
    except IndexError:
        raise TypeError("hidden") from None
except TypeError as e:
    show(e)
try:
    raise ValueError("no handler") from KeyError("given")
except ValueError as e:
    show(e)
e = Exception("manual")
e.__cause__ = ValueError("c")
print(e.__suppress_context__)
e.__suppress_context__ = False
print(e.__suppress_context__)
try:
    raise ValueError from 5
except TypeError as t:
    print("TypeError:", t)
