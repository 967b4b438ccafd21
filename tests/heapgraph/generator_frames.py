# Snapshots taken while generators run: every frame on the stack shows its
# own locals, those below a running generator (set aside in their segment)
# as well as the generators' own, nested ones included.
import ouro


def inner(tag):
    marker = [tag]
    ouro.snapshot("inside " + tag)
    yield marker


def outer():
    label = "outer-local"
    for m in inner("nested"):
        yield m


def caller():
    kept = ("caller", 1)
    got = next(outer())
    return kept, got


result = caller()
g = inner("driven by next")
first = next(g)
del g
