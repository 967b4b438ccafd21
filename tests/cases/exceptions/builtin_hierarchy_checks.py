# The builtin exception hierarchy: issubclass relations and which handler catches what.
pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (KeyError, LookupError), (IndexError, LookupError), (LookupError, Exception),
    (UnicodeError, ValueError), (RecursionError, RuntimeError), (NotImplementedError, RuntimeError),
    (FileNotFoundError, OSError), (TimeoutError, OSError), (ModuleNotFoundError, ImportError),
    (UnboundLocalError, NameError), (StopIteration, Exception), (StopAsyncIteration, Exception),
    (GeneratorExit, Exception), (GeneratorExit, BaseException), (KeyboardInterrupt, Exception),
    (SystemExit, BaseException), (Exception, BaseException), (BaseExceptionGroup, BaseException),
    (ExceptionGroup, Exception), (ExceptionGroup, BaseExceptionGroup), (IndentationError, SyntaxError),
    (TabError, IndentationError), (AssertionError, Exception),
    (AttributeError, Exception), (TypeError, ValueError), (EOFError, Exception),
]
for sub, sup in pairs:
    print(sub.__name__, "<", sup.__name__, issubclass(sub, sup))
print([c.__name__ for c in ZeroDivisionError.__mro__])
print([c.__name__ for c in KeyError.__mro__])
print(EnvironmentError is OSError, IOError is OSError)

def which(exc):
    try:
        raise exc
    except LookupError:
        return "LookupError"
    except ArithmeticError:
        return "ArithmeticError"
    except Exception as e:
        return "Exception:" + type(e).__name__
for exc in (KeyError("k"), IndexError, ZeroDivisionError(), ValueError("v"), UnicodeError()):
    print(which(exc))
