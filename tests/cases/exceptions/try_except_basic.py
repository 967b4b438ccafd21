# except catches a matching exception; code after the raise point is skipped.
try:
    print('before')
    x = 1 // 0
    print('not printed')
except ZeroDivisionError:
    print('caught division')
print('after')
try:
    [][0]
except KeyError:
    print('wrong handler')
except IndexError:
    print('right handler')
try:
    print('no error')
except Exception:
    print('not printed')
