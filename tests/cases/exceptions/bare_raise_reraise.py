# A bare raise inside except re-raises the exception being handled.
def handle():
    try:
        {}['missing']
    except KeyError as e:
        print('logging', e)
        raise
try:
    handle()
except KeyError as e:
    print('re-raised:', repr(e))
def wrap():
    try:
        int('nope')
    except ValueError:
        raise RuntimeError('wrapped')
try:
    wrap()
except RuntimeError as e:
    print('got', repr(e))
