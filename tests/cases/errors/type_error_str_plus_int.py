# Uncaught TypeError from concatenating a str and an int, inside a function.
def label(n):
    return 'item ' + n
print(label('1'))
print(label(2))
