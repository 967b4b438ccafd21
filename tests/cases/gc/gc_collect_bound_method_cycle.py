# An instance storing its own bound method forms a cycle of 2 objects (instance and bound method).
import gc
gc.disable()
gc.collect()
class Widget:
    def __init__(self):
        self.handler = self.on_event
    def on_event(self):
        return 'handled'
w = Widget()
print(w.handler(), w.handler.__self__ is w, type(w.handler).__name__)
del w
print(gc.collect())
class Plain:
    def m(self):
        return 1
p = Plain()
print(p.m is p.m, p.m == p.m)
bm = p.m
del p
print(gc.collect(), bm())
