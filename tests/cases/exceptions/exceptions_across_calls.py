# An exception unwinds through several calls, running each frame's finally.
def level3(n):
    try:
        if n > 2:
            raise ValueError('too big: ' + str(n))
        return n
    finally:
        print('cleanup level3')
def level2(n):
    try:
        return level3(n) * 10
    finally:
        print('cleanup level2')
def level1(n):
    r = level2(n)
    print('level1 got', r)
    return r
for n in [1, 5]:
    try:
        print('result', level1(n))
    except ValueError as e:
        print('caught at top:', e)
