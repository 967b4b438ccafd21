# bool() of values and how if/while treat them.
values = [0, 1, -1, 0.0, 0.5, '', ' ', [], [0], (), (None,), {}, {0: 0}, None, True, False, object(), 2 ** 70 - 2 ** 70]
for v in values:
    print(repr(v) if type(v) is not object else 'object()', bool(v))
if []:
    print('empty list is true')
else:
    print('empty list is false')
n = 3
while n:
    print(n)
    n -= 1
