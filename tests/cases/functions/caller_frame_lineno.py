# A frame's f_lineno is the line it is at: the running frame's, and a
# caller's while a property, an operator method, a generator or a key
# function called from its instruction runs; a finished frame keeps the
# line it ended on.
import sys
import warnings


class A:
    @property
    def where(self):
        return sys._getframe(1).f_lineno

    def __eq__(self, other):
        return sys._getframe(1).f_lineno

    @property
    def old(self):
        warnings.warn("old is deprecated", DeprecationWarning, stacklevel=2)
        return 1


a = A()
x = 1
print(a.where)
print(a ==
      a)
f = sys._getframe()
y = 2
print(f.f_lineno)


def finished():
    fr = sys._getframe()
    z = 1
    return fr


print(finished().f_lineno)


def gen():
    yield sys._getframe(1).f_lineno
    yield sys._getframe(1).f_lineno


it = gen()
print(next(it))
print(
    next(it))
print(list(map(lambda v: sys._getframe(1).f_lineno, [1])))

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    a.old
print([(w.lineno, str(w.message)) for w in caught])
