# ouro's sizes are never larger than CPython 3.11's: checked against CPython's numbers for objects whose layouts differ.
import sys
cpython = [
    (0, 28), (1, 28), (2 ** 30, 32), (2 ** 62, 36), (2 ** 63, 36), (10 ** 100, 72),
    ('', 49), ('abc', 52), ('é', 74), (True, 28),
]
for value, limit in cpython:
    print(repr(value)[:12], sys.getsizeof(value) <= limit)
