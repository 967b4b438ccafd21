# A bare raise re-raises the original exception, with its original traceback line.
def parse(s):
    return int(s)
try:
    parse('x1')
except ValueError:
    print('logging and re-raising')
    raise
