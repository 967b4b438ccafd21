# The name bound by 'except E as e' is deleted when the handler ends.
e = 'before'
try:
    raise ValueError('inside')
except ValueError as e:
    print('in handler:', e)
try:
    print(e)
except NameError as err:
    print('NameError:', err)
saved = None
try:
    raise TypeError('kept')
except TypeError as e2:
    saved = e2
print('saved:', repr(saved))
