# A recursive closure is a cycle of function, closure tuple and cell (3 objects).
import gc
gc.disable()
gc.collect()
def make_recursive():
    def countdown(n):
        if n == 0:
            return 'done'
        return countdown(n - 1)
    return countdown
f = make_recursive()
print(f(3))
print(len(f.__closure__), type(f.__closure__).__name__, type(f.__closure__[0]).__name__)
print(f.__closure__[0].cell_contents is f)
del f
print('recursive closure', gc.collect())
def make_with_list():
    store = []
    def get():
        return store
    store.append(get)
    return get
g = make_with_list()
print(g()[0] is g)
del g
print('closure held by its own list', gc.collect())
print(gc.collect())
