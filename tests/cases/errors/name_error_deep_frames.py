# A NameError three calls deep: the traceback lists every frame, outermost first.
def outer():
    return middle() + 1
def middle():
    value = inner()
    return value
def inner():
    return undefined_thing * 2
print('calling')
outer()
