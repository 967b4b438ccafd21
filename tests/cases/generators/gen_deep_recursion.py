# Recursive generators nest frames: deep nesting raises RecursionError, not a crash.
def nest(n):
    if n == 0:
        yield "bottom"
    else:
        yield from nest(n - 1)

print(list(nest(100)))
try:
    list(nest(100000))
except RecursionError as e:
    print("RecursionError:", e)
print(list(nest(10)))
