# an uncaught FileNotFoundError from open(): the traceback shows only the caller's frame, as CPython's C open()
def load(name):
    with open(name) as f:
        return f.read()
load('tests/cases/errors/no_such_file.txt')
