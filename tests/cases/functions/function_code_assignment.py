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
