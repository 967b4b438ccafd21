# e.args, str(e) and repr(e) for exceptions with zero, one and several arguments.
for exc in [ValueError(), ValueError('bad value'), ValueError('bad', 2), TypeError(42), RuntimeError('a', ['b'])]:
    print(exc.args, '|' + str(exc) + '|', repr(exc))
try:
    raise KeyError('k')
except KeyError as e:
    print(e.args, str(e), repr(e))
try:
    raise ValueError
except ValueError as e:
    print(e.args, repr(str(e)), repr(e))
print(isinstance(ValueError('x'), Exception), type(ValueError('x')))
