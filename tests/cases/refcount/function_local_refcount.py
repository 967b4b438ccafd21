# Objects created inside a function: local-only refcount and refcount after being returned.
import sys
def make():
    p = object()
    print(sys.getrefcount(p))
    q = p
    print(sys.getrefcount(p))
    return p
r = make()
print(sys.getrefcount(r))
def make_list():
    items = [object()]
    return items
lst = make_list()
print(sys.getrefcount(lst), sys.getrefcount(lst[0]))
