# cycles through instances of str and bytes subclasses are collected, each with its own __dict__ as in CPython (var-size bases)
class B(bytes): pass
b = B(b'x'); b.me = b
import gc; print(gc.is_tracked(b), gc.collect() >= 0)
del b
print(gc.collect())
class S(str): pass
s = S('x'); s.me = s
print(gc.is_tracked(s))
del s
print(gc.collect())
