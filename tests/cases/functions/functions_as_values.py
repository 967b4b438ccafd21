# Functions are values: stored in variables, lists and dicts, passed and returned.
def double(x):
    return x * 2
def square(x):
    return x * x
def apply(f, v):
    return f(v)
print(apply(double, 5), apply(square, 5))
ops = [double, square]
for op in ops:
    print(op(7))
table = {'d': double, 's': square}
print(table['s'](9))
alias = double
print(alias is double, alias(21))
def choose(name):
    if name == 'double':
        return double
    return square
print(choose('double')(4), choose('other')(4))
print(double == double, double == square)
