# Arguments are evaluated left to right before the call; the callee is evaluated first.
def trace(label, value):
    print('eval', label)
    return value
def combine(a, b, c=0):
    print('combine called')
    return a + b + c
def get_fn():
    print('get function')
    return combine
print(get_fn()(trace('a', 1), trace('b', 2), c=trace('c', 3)))
