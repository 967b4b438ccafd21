# Messages of common built-in errors when caught and printed.
attempts = [
    'unknown_name',
    'None + 1',
    '[1] * [2]',
    'len(3)',
    "'x' - 'y'",
    '-[1]',
    "{'a': 1}['b']",
    '(1, 2)[5]',
    "None.attr",
    "int('3.5')",
]
def run(which):
    if which == 0:
        return unknown_name
    if which == 1:
        return None + 1
    if which == 2:
        return [1] * [2]
    if which == 3:
        return len(3)
    if which == 4:
        return 'x' - 'y'
    if which == 5:
        return -[1]
    if which == 6:
        return {'a': 1}['b']
    if which == 7:
        return (1, 2)[5]
    if which == 8:
        return None.attr
    return int('3.5')
for i in range(len(attempts)):
    try:
        run(i)
    except Exception as e:
        print(attempts[i], '=>', type(e), e)
