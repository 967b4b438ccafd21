# pass does nothing in functions, classes, loops and branches.
def nothing():
    pass
class Empty:
    pass
for i in range(3):
    pass
if True:
    pass
else:
    print('unreachable')
print(nothing(), i)
e = Empty()
print(isinstance(e, Empty))
