# a if cond else b evaluates only the chosen branch.
def f(v):
    print('evaluated', v)
    return v
print('yes' if 1 else 'no')
print('yes' if [] else 'no')
x = f(1) if True else f(2)
y = f(3) if False else f(4)
print(x, y)
n = 7
print('even' if n % 2 == 0 else 'odd')
print('neg' if n < 0 else 'zero' if n == 0 else 'pos')
