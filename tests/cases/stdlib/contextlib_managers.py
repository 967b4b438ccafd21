# contextlib: contextmanager (as manager and decorator, its RuntimeErrors), suppress, nullcontext, closing, redirect_stdout/stderr, AbstractContextManager
import contextlib, sys
@contextlib.contextmanager
def cm(tag):
    print("enter", tag)
    try:
        yield tag.upper()
    except ValueError as e:
        print("handled", repr(e))
    finally:
        print("exit", tag)
with cm("a") as v: print("body", v)
with cm("b"): raise ValueError("x")
try:
    with cm("c"): raise KeyError("k")
except KeyError as e: print("propagated", repr(e))
@cm("deco")
def f(x): print("in f", x); return x * 2
print(f(3), f(4))
@contextlib.contextmanager
def noyield():
    if False: yield
try:
    with noyield(): pass
except RuntimeError as e: print(e)
@contextlib.contextmanager
def twice():
    yield 1
    yield 2
try:
    with twice(): pass
except RuntimeError as e: print(e)
@contextlib.contextmanager
def ignore_throw():
    try: yield
    except Exception: yield
try:
    with ignore_throw(): raise ValueError
except RuntimeError as e: print(e)
@contextlib.contextmanager
def plain(): yield
try:
    with plain(): raise StopIteration("s")
except StopIteration as e: print("stop", e)
print(type(cm("z")).__name__, cm.__name__, cm("q").__doc__)
with contextlib.suppress(KeyError, IndexError):
    [][1]
print("suppressed")
try:
    with contextlib.suppress(KeyError): 1/0
except ZeroDivisionError as e: print("not suppressed", e)
with contextlib.nullcontext(5) as n: print(n)
class Thing:
    def close(self): print("closed")
with contextlib.closing(Thing()) as t: print(type(t).__name__)
class W:
    def __init__(self): self.buf = []
    def write(self, s): self.buf.append(s)
w = W()
with contextlib.redirect_stdout(w) as target: print("captured", 1); print(target is w)
print(w.buf)
e = W()
with contextlib.redirect_stderr(e): print("err", file=sys.stderr); sys.stderr.write("more\n")
print(e.buf)
print(isinstance(contextlib.nullcontext(), contextlib.AbstractContextManager), isinstance(Thing(), contextlib.AbstractContextManager))
class Duck:
    def __enter__(self): return self
    def __exit__(self, *a): pass
print(issubclass(Duck, contextlib.AbstractContextManager), isinstance(Duck(), contextlib.AbstractContextManager))
class Mine(contextlib.AbstractContextManager):
    def __exit__(self, *a): print("mine exit", a[0])
with Mine() as m: print(type(m).__name__)
