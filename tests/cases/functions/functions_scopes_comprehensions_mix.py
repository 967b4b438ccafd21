# Functions, scopes and comprehensions.
def f(a, /, b, *, c=3, **kw): return a, b, c, kw
print(f(1, 2), f(1, b=2, c=4, d=5))
for bad in [lambda: f(a=1, b=2), lambda: f(1, 2, 3), lambda: f(1)]:
    try:
        bad()
    except TypeError as e:
        print(e)
def counter():
    count = 0
    def inc(by=1):
        nonlocal count
        count += by
        return count
    return inc
c = counter(); c(); print(c(5), c.__closure__[0].cell_contents)
x = "global"
def scopes():
    x = "enclosing"
    def inner():
        return x
    return inner()
print(scopes())
print([y := 5, y ** 2])
data = [1, 2, 3, 4]
print([z for v in data if (z := v * 2) > 4], z)
print({k: v for k, v in zip("abc", range(3))}, [(i, j) for i in range(3) for j in range(i)])
first, *rest = "hello"; print(first, rest)
(a, b), c = (1, 2), 3; print(a, b, c)
print((lambda *a, k=1: (a, k))(1, 2, k=3))
def gen_defaults(x, items=[]):
    items.append(x)
    return items
print(gen_defaults(1), gen_defaults(2))
def kwonly(*, key): return key
try:
    kwonly(1)
except TypeError as e: print(e)
print(f(*[1, 2], **{"c": 9, "z": 0}))
def annotated(a: int, b: "str" = "x") -> list: return [a, b]
print(annotated.__annotations__, annotated.__name__, annotated.__defaults__)
class A:
    def method(self): return __class__.__name__
print(A().method())
def outer():
    v = 1
    class Inner:
        w = v + 1
        def get(self): return v
    return Inner
I = outer(); print(I.w, I().get())
try:
    print(undefined_name)
except NameError as e: print(e)
def unbound():
    print(local_var)
    local_var = 1
try:
    unbound()
except UnboundLocalError as e: print(e)
print(sorted(["b", "A", "c"], key=str.lower), max([3, 1, 2], key=lambda n: -n))
g = (i for i in range(3)); print(sum(g), sum(g))
print(all([]), any([]), list(map(lambda p: p[0] * p[1], zip([1, 2], [3, 4]))))
