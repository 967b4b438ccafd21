# __enter__/__exit__: return value of __enter__, exception suppression by truthy return, exit args.
class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, repr(ev), tb is not None)
        return self.suppress

with CM("a") as v:
    print("body", v)
with CM("b", suppress=True):
    raise ValueError("hidden")
print("after b")
try:
    with CM("c"):
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))
with CM("outer", True), CM("inner") as inner:
    print("inner value", inner)
    1 / 0
print("after nested")
class Truthy:
    def __bool__(self): return True
class Weird(CM):
    def __exit__(self, *a):
        super().__exit__(*a)
        return Truthy()
with Weird("w"):
    raise RuntimeError
def f():
    with CM("ret"):
        return "returned"
print(f())
for i in range(3):
    with CM("loop" + str(i), True):
        if i == 1:
            continue
        print("loop body", i)
