# Bare raise re-raises the exception currently being handled, which is restored after inner handlers.
def f():
    try:
        raise ValueError("outer")
    except ValueError:
        try:
            raise KeyError("inner")
        except KeyError as k:
            print("inner handled", repr(k))
        raise
try:
    f()
except ValueError as e:
    print("re-raised", repr(e))

def g():
    try:
        raise TypeError("first")
    except TypeError:
        def helper():
            raise
        helper()
try:
    g()
except TypeError as e:
    print("helper re-raised", repr(e))
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
def h():
    try:
        raise IndexError("h")
    finally:
        print("finally sees", sys.exc_info()[0].__name__)
import sys
try:
    h()
except IndexError:
    print("after finally:", sys.exc_info()[1])
print(sys.exc_info())
