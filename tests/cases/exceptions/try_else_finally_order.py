# Order of try / except / else / finally blocks with and without an exception.
def run(fail):
    try:
        print('try')
        if fail:
            raise ValueError('failed')
    except ValueError as e:
        print('except', e)
    else:
        print('else')
    finally:
        print('finally')
    print('after')
run(False)
run(True)
try:
    try:
        raise KeyError('inner')
    finally:
        print('finally before propagation')
except KeyError as e:
    print('outer caught', e)
