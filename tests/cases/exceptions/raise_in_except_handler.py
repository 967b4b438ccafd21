# An exception raised inside a handler replaces the original; finally still runs.
def convert(s):
    try:
        return int(s)
    except ValueError:
        raise TypeError('not a number: ' + s)
    finally:
        print('convert finished for', s)
for s in ['7', 'seven']:
    try:
        print(convert(s))
    except TypeError as e:
        print('caught', repr(e))
