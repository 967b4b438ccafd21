# array: CPython's OverflowError/TypeError/ValueError/IndexError messages for bad items, typecodes and operations
from array import array

def t(f, *a):
    try:
        print(repr(f(*a)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

for tc in 'bBhHiIlLqQ':
    n = 8 * array(tc).itemsize
    for v in (2**70, -2**70, 2**n, -1 - 2**(n - 1)):
        t(array, tc, [v])
for tc, v in [('i', 1.5), ('i', 'x'), ('f', 'x'), ('u', 1), ('u', 'ab'), ('b', None), ('d', None)]:
    t(array, tc, [v])
t(array, 'z')
t(array, 'i', 'abc')
a = array('i', [1, 2, 3])
t(a.index, 9)
t(a.remove, 9)
t(array('i').pop)
t(a.pop, 10)
t(lambda: a[10])
t(a.__setitem__, 10, 1)
t(lambda: a + array('b'))
t(lambda: a + [1])
t(a.frombytes, b'123')
t(a.__setitem__, slice(0, 1), [1])
t(a.extend, array('b'))
t(a.fromlist, (1,))
t(lambda: a.__hash__)
t(a.__setitem__, slice(0, 3, 2), array('i', [1]))
t(lambda: a['x'])
t(array('i').tounicode)
