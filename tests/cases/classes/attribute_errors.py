# Missing attributes raise AttributeError naming the type and attribute.
class Thing:
    cls_attr = 1
    def __init__(self):
        self.here = True
t = Thing()
try:
    print(t.missing)
except AttributeError as e:
    print('AttributeError:', e)
try:
    t.method()
except AttributeError as e:
    print('AttributeError:', e)
try:
    print(Thing.nothing)
except AttributeError as e:
    print('AttributeError:', e)
try:
    del t.nothing
except AttributeError as e:
    print('AttributeError:', e)
try:
    [].push(1)
except AttributeError as e:
    print('AttributeError:', e)
try:
    'abc'.foo
except AttributeError as e:
    print('AttributeError:', e)
print(t.here, t.cls_attr)
