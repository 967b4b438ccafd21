# An undefined name at module level: traceback on stderr, exit status 1, earlier output kept.
print('start')
x = 1
print(y)
print('not reached')
