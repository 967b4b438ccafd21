# OSError(errno, strerror, filename, winerror, filename2): subclass by errno, args, attributes and str as CPython
for args in [(2, 'No such file or directory'), (2, 'No such file or directory', 'x'), (17, 'File exists', 'a', None, 'b'),
             (13, 'Permission denied'), (21, 'Is a directory', None), (20, 'Not a directory'), (32, 'Broken pipe'),
             (11, 'again'), (4, 'intr'), (3, 'srch'), (10, 'child'), (110, 'timed out'), (111, 'refused'),
             (999, 'unknown errno'), (2,), ('msg',), (), (2, 'x', 'f', None, 'g', 'extra')]:
    e = OSError(*args)
    print(type(e).__name__, e.args, e.errno, e.strerror, e.filename, e.filename2, '|', str(e), '|', repr(e))
class MyError(OSError):
    pass
e = MyError(2, 'No such file or directory', 'f')
print(type(e).__name__, str(e), e.errno)
e = FileNotFoundError('just a message')
print(e.errno, str(e))
print(issubclass(BrokenPipeError, ConnectionError), issubclass(ConnectionError, OSError), IOError is OSError, EnvironmentError is OSError)
try:
    raise OSError(2, 'No such file or directory', 'gone.txt')
except FileNotFoundError as e:
    print('caught', e)
