# ref() and proxy() of ints, floats, strs, lists, dicts, tuples, None, bools and object() raise TypeError.
import weakref
values = [1, 2.5, 'text', [1], {'a': 1}, (1, 2), None, True, object()]
for v in values:
    try:
        weakref.ref(v)
        print('created for', type(v).__name__)
    except TypeError as e:
        print(e)
try:
    weakref.proxy([])
except TypeError as e:
    print('proxy:', e)
class Sub(list):
    pass
print(weakref.ref(Sub())() is None)
