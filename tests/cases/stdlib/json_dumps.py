# json.dumps/dump: types, float reprs, indent, sort_keys, separators, default, ensure_ascii, allow_nan, errors
import json


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


data = {"b": [1, 2.5, True, None], "a": {"x": "y"}, "e": [], "f": {}, 3: "int key", None: 0, 1.5: False}
print(json.dumps(data))
print(json.dumps(data, sort_keys=False, indent=2))
print(json.dumps({"z": 1, "a": [1, {"q": []}]}, sort_keys=True, indent="\t"))
print(json.dumps([1, 2], separators=(",", ":")), json.dumps({"a": 1}, separators=(";", "=")))
print(json.dumps([0.1, 1e16, 1e-7, -0.0, 1.0, 3.14159, 2**70, (1, 2)]))
print(json.dumps([float("inf"), float("-inf"), float("nan")]))
print(json.dumps("é\u2028\n\t\"\\\x01😀"), json.dumps("é😀", ensure_ascii=False))
print(json.dumps({1, 2} if False else [1], default=list), json.dumps({1, 2}, default=sorted))
print(json.dumps(True), json.dumps(None), json.dumps("s"), json.dumps(7))
attempt(lambda: json.dumps({1, 2}))
attempt(lambda: json.dumps(object))
attempt(lambda: json.dumps(float("nan"), allow_nan=False))
attempt(lambda: json.dumps({(1, 2): 3}))
print(json.dumps({(1, 2): 3, "ok": 1}, skipkeys=True))
loop = []
loop.append(loop)
attempt(lambda: json.dumps(loop))


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


sink = Sink()
json.dump({"k": [1, 2]}, sink, indent=1)
print(repr("".join(sink.parts)))


class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)


print(Enc().encode({"s": {3, 1}}), json.dumps([{2, 1}], cls=Enc))
attempt(lambda: Enc().encode(object()) and None)
