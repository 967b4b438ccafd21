# Matching JSON-like event dicts: mapping patterns with nested sequences, **rest, value constraints and guards.
events = [
    {"type": "click", "pos": [10, 20], "button": "left"},
    {"type": "click", "pos": [0, 0]},
    {"type": "key", "key": "q", "mods": ["ctrl"]},
    {"type": "key", "key": "a", "mods": []},
    {"type": "resize", "size": {"w": 800, "h": 600}, "extra": 1, "more": 2},
    {"type": "scroll", "delta": -3},
    {"type": "scroll", "delta": 0},
    {"kind": "legacy"},
    ["not", "a", "dict"],
    {"type": "batch", "events": [{"type": "key", "key": "x", "mods": []}, {"type": "noop"}]},
]
def describe(ev):
    match ev:
        case {"type": "click", "pos": [0, 0]}:
            return "click at origin"
        case {"type": "click", "pos": [x, y], "button": btn}:
            return "%s click at (%d, %d)" % (btn, x, y)
        case {"type": "click", "pos": [x, y]}:
            return "click at (%d, %d)" % (x, y)
        case {"type": "key", "key": k, "mods": ["ctrl", *_]}:
            return "ctrl+" + k
        case {"type": "key", "key": str(k)}:
            return "key " + k
        case {"type": "resize", "size": {"w": int(w), "h": int(h)}, **rest}:
            return "resize %dx%d rest=%s" % (w, h, sorted(rest))
        case {"type": "scroll", "delta": d} if d < 0:
            return "scroll up %d" % -d
        case {"type": "scroll"}:
            return "scroll ignored"
        case {"type": "batch", "events": [*inner]}:
            return "batch[" + "; ".join(describe(e) for e in inner) + "]"
        case {"type": t}:
            return "unhandled " + t
        case dict():
            return "untyped dict"
        case _:
            return "not an event"
for ev in events:
    print(describe(ev))
