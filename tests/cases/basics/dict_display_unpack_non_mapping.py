# {**x} in a dict display requires a mapping: the TypeError names the offending type.
class KeysOnly:
    def keys(self):
        return ["a", "b"]
    def __getitem__(self, k):
        return k.upper()
print({**KeysOnly()}, {"z": 0, **KeysOnly()})
for bad in ([1], [("a", 1)], "ab", 5, None, (("k", "v"),)):
    try:
        print({**bad})
    except TypeError as e:
        print("TypeError:", e)
def f(**kw):
    return kw
print(f(**KeysOnly()))
for bad in ([("a", 1)], "ab"):
    try:
        f(**bad)
    except TypeError as e:
        print("TypeError:", e)
