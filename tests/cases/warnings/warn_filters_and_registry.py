# warnings.warn: default output format and source line, once-per-location, filters (ignore/error/always/once/module), categories, catch_warnings(record=True)
import warnings
import sys

def old():
    warnings.warn("old() is deprecated", DeprecationWarning, stacklevel=2)

def user(msg):
    warnings.warn(msg)

for i in range(3):
    user("shown once per location")
user("another message")
old()
old()
warnings.warn("a runtime warning", RuntimeWarning)
warnings.warn(UserWarning("an instance"))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    user("recorded 1")
    user("recorded 1")
    warnings.warn("pending", PendingDeprecationWarning)
    print(len(w), [str(x.message) for x in w], [x.category.__name__ for x in w], w[0].filename.endswith('warn_filters_and_registry.py'), w[0].lineno)
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        user("now an error")
    except UserWarning as e:
        print("raised", type(e).__name__, e)
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="skip")
    user("skip me")
    user("but not me")
with warnings.catch_warnings():
    warnings.simplefilter("ignore", category=UserWarning)
    user("ignored by category")
    warnings.warn("still shown", FutureWarning)
try:
    warnings.warn("x", category=int)
except TypeError as e:
    print("TypeError", e)
print(issubclass(SyntaxWarning, Warning), issubclass(ResourceWarning, Warning), [f[0] for f in warnings.filters][:5])
def show(message, category, filename, lineno, file=None, line=None):
    print("custom:", message, category.__name__, lineno)
with warnings.catch_warnings():
    warnings.simplefilter("always")
    warnings.showwarning = show
    user("via custom showwarning")
print(warnings.formatwarning("msg", UserWarning, "file.py", 3, "  the line  "), end="")
print("done")
