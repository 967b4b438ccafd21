# A frame object that outlives its frame keeps its caller (f_back), as
# CPython 3.11 links it when the frame finishes; a generator frame has none.
import sys, traceback, gc
def f(): 1/0
def g(): f()
try:
    g()
except ZeroDivisionError as e:
    tb = e.__traceback__
    fr = tb.tb_next.tb_next.tb_frame
    print(fr.f_code.co_name, fr.f_back.f_code.co_name, fr.f_back.f_back.f_code.co_name, fr.f_back.f_back.f_back)
    print([f.f_code.co_name for f, _ in traceback.walk_stack(fr)])
    print(fr.f_back is tb.tb_next.tb_frame)
def gen():
    yield sys._getframe()
gf = next(gen())
print(gf.f_back is None or gf.f_back.f_code.co_name)
def keep():
    return sys._getframe()
k = keep()
print(k.f_back.f_code.co_name, k.f_back.f_lineno)
