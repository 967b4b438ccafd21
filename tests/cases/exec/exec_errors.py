# errors from code run by exec and eval: SyntaxError details, NameError, tracebacks through <string>
try:
    exec('x = = 1')
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.filename, e.lineno)
try:
    eval('x = 1')
except SyntaxError as e:
    print(type(e).__name__, e.filename, e.lineno)
try:
    compile('if True:\nprint(1)', 'mod.py', 'exec')
except IndentationError as e:
    print(type(e).__name__, e.msg, e.filename, e.lineno)
try:
    eval('undefined_name')
except NameError as e:
    print('NameError', e)
try:
    compile(123, 'f', 'exec')
except TypeError as e:
    print('TypeError', e)
try:
    compile('x', 'f')
except TypeError as e:
    print('TypeError', e)
try:
    exec('a\0b')
except (SyntaxError, ValueError) as e:
    print(type(e).__name__, e)
def caller():
    exec('def inner():\n    return 1 / 0\ninner()')
caller()
