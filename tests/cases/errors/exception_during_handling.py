# An exception raised inside an except block shows both tracebacks, chained.
d = {}
try:
    d['key']
except KeyError:
    print('handling')
    1 / 0
