# User exception classes derive from Exception, can carry data and be caught by base.
class AppError(Exception):
    pass
class ParseError(AppError):
    def __init__(self, line, msg):
        Exception.__init__(self, msg)
        self.line = line
try:
    raise AppError('generic failure')
except AppError as e:
    print(type(e), e, e.args)
try:
    raise ParseError(12, 'unexpected token')
except AppError as e:
    print('caught as AppError:', e.line, e, repr(e))
print(isinstance(ParseError(1, 'x'), Exception), isinstance(AppError(), ParseError))
try:
    raise ParseError(3, 'x')
except ParseError:
    print('specific handler')
except AppError:
    print('not reached')
