# assigning a function's __code__ replaces what calling it runs (types.coroutine relies on it)
def g():
    yield 1


def h():
    yield 2


def plain():
    return 'plain'


def other():
    return 'other'


g.__code__ = h.__code__
print(g.__code__ is h.__code__, g.__code__.co_name)
print(list(g()))
plain.__code__ = other.__code__
print(plain(), plain.__name__)
print('__code__' in plain.__dict__)


def make_closure():
    y = 5

    def uses_y():
        return y
    return uses_y


for bad in (42, None):
    try:
        plain.__code__ = bad
    except TypeError as e:
        print('TypeError:', e)
try:
    del plain.__code__
except TypeError as e:
    print('TypeError:', e)
try:
    plain.__code__ = make_closure().__code__
except ValueError as e:
    print('ValueError:', e)
