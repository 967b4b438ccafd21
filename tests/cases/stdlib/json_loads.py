# json.loads/load: all JSON values, escapes, hooks, parse_* functions, JSONDecodeError messages and positions
import json
import json.decoder


def attempt(s, **kw):
    try:
        print(repr(json.loads(s, **kw)))
    except json.JSONDecodeError as e:
        print("JSONDecodeError:", e, "|", e.msg, e.pos, e.lineno, e.colno)


attempt('{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d"}, "e": [], "f": {}}')
attempt('  "esc \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00"  ')
attempt("[1E3, 0, -0, -0.5, 12345678901234567890, 1.5e-3]")
attempt("[NaN, Infinity, -Infinity]")
attempt('{"a": 1, "a": 2}')
attempt('{"x": 1.25, "y": 2}', parse_float=str, parse_int=lambda t: int(t) * 10)
attempt('{"x": {"y": 1}}', object_hook=lambda d: sorted(d.items()))
attempt('{"b": 1, "a": 2}', object_pairs_hook=list)
for bad in ["", "   ", "[1, 2", "[1 2]", '{"a" 1}', "{a: 1}", '{"a": 1,}', "[1,]", '"abc',
            '"a\\qb"', '"\\u12"', "[1] x", "nul", "01", "-", '{"a":\n  tru}', '"a\tb"', "1.", "{", '{"a": 1 "b": 2}']:
    attempt(bad)
print(issubclass(json.JSONDecodeError, ValueError), json.decoder.JSONDecodeError is json.JSONDecodeError)


class Source:
    def read(self):
        return '{"k": [1, 2]}'


print(json.load(Source()), json.JSONDecoder().decode("[3]"), json.JSONDecoder().raw_decode("[1] tail"))
try:
    json.loads(5)
except TypeError as e:
    print(e)
