# Nested try blocks: inner handlers run first; unhandled types propagate outward.
def attempt(kind):
    try:
        try:
            if kind == 1:
                raise ValueError('v')
            if kind == 2:
                raise KeyError('k')
            print('no exception')
        except ValueError as e:
            print('inner caught', repr(e))
        finally:
            print('inner finally')
        print('after inner')
    except KeyError as e:
        print('outer caught', repr(e))
    finally:
        print('outer finally')
for k in [0, 1, 2]:
    attempt(k)
    print('--')
