# get_threshold() defaults to (700, 10, 10); set_threshold takes 1 to 3 ints and keeps unset ones.
import gc
gc.disable()
print(gc.get_threshold())
print(gc.set_threshold(100))
print(gc.get_threshold())
gc.set_threshold(5, 6)
print(gc.get_threshold())
gc.set_threshold(1, 2, 3)
print(gc.get_threshold())
gc.set_threshold(0)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold(), type(gc.get_threshold()).__name__)
