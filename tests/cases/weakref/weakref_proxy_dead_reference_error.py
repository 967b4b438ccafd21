# Using a proxy after its referent died raises ReferenceError; the proxy's callback ran at death.
import weakref
class Bag:
    def __init__(self):
        self.x = 1
    def get(self):
        return self.x
    def __len__(self):
        return 1
def callback(proxy):
    print('proxy callback, same proxy:', proxy is p2)
b = Bag()
p = weakref.proxy(b)
p2 = weakref.proxy(b, callback)
print(p.get(), p2.x)
del b
attempts = [lambda: p.x, lambda: p.get(), lambda: len(p), lambda: p2.x]
for attempt in attempts:
    try:
        attempt()
        print('no error')
    except ReferenceError as e:
        print(type(e).__name__, e)
try:
    p.x = 2
except ReferenceError as e:
    print('set:', e)
print(issubclass(ReferenceError, Exception))
