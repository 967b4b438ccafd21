# Default argument values fill in missing trailing arguments.
def greet(name, greeting='Hello', punct='!'):
    return greeting + ', ' + name + punct
print(greet('Ann'))
print(greet('Bob', 'Hi'))
print(greet('Cy', 'Yo', '?'))
def power(base, exp=2):
    return base ** exp
print(power(3), power(2, 10), power(2, exp=100))
