# Assigning to a name anywhere in a function makes it local; reading it first fails.
x = 'global'
def read_then_assign():
    print(x)
    x = 'local'
try:
    read_then_assign()
except NameError as e:
    print('NameError:', e)
def reads_global():
    return x
print(reads_global())
def del_then_read():
    y = 1
    del y
    return y
try:
    del_then_read()
except NameError as e:
    print('NameError:', e)
