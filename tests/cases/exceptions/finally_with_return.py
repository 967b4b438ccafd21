# finally runs when leaving via return; a return in finally overrides and swallows exceptions.
def returns_in_try():
    try:
        return 'from try'
    finally:
        print('finally runs')
def finally_overrides():
    try:
        return 'try value'
    finally:
        return 'finally value'
def finally_swallows():
    try:
        raise ValueError('lost')
    finally:
        return 'swallowed'
def value_captured():
    x = 'original'
    try:
        return x
    finally:
        x = 'changed'
        print('x is now', x)
print(returns_in_try())
print(finally_overrides())
print(finally_swallows())
print(value_captured())
