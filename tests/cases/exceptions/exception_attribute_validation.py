# Assigning invalid values to exception attributes raises TypeError (with_traceback, __cause__, __context__).
for bad in (5, "tb"):
    try:
        Exception().with_traceback(bad)
    except TypeError as t:
        print("TypeError:", t)
e = Exception()
try:
    e.__traceback__ = 1
except TypeError as t:
    print("TypeError:", t)
try:
    e.__cause__ = "x"
except TypeError as t:
    print("TypeError:", t)
try:
    e.__context__ = 3
except TypeError as t:
    print("TypeError:", t)
e.__cause__ = None
e.__context__ = ValueError()
print(e.__cause__, repr(e.__context__), e.__suppress_context__)
try:
    e.args = 5
except TypeError as t:
    print("TypeError:", t)
e.args = [1, 2]
print(e.args, type(e.args).__name__)
