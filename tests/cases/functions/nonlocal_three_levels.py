# nonlocal through three nested levels, each binding the nearest enclosing variable.
def outer():
    x = "outer"
    y = "outer-y"
    def middle():
        x = "middle"
        def inner():
            nonlocal x, y
            x = x + "+inner"
            y = y + "+inner"
            def innermost():
                nonlocal x
                x = x + "+innermost"
                return x
            return innermost()
        r = inner()
        return r, x
    r = middle()
    return r, x, y
print(outer())

def make_account(balance):
    def ops():
        def deposit(n):
            nonlocal balance
            balance += n
            return balance
        def withdraw(n):
            nonlocal balance
            if n > balance:
                raise ValueError("insufficient: %d > %d" % (n, balance))
            balance -= n
            return balance
        return deposit, withdraw
    return ops(), lambda: balance
(dep, wd), get = make_account(10)
print(dep(5), wd(3), get())
try:
    wd(100)
except ValueError as e:
    print(e, get())
