# Mapping patterns: extra keys allowed, **rest copies, key lookup uses get-like access, non-dict mappings.
class Config(dict):
    def __missing__(self, key):
        print("  __missing__ called for", key)
        return "default"
def check(m):
    match m:
        case {"mode": "fast", **rest} if not rest:
            return "fast only"
        case {"mode": "fast", **rest}:
            return "fast with " + ",".join(sorted(rest))
        case {"mode": mode, "level": int(level)} if level > 5:
            return "%s high %d" % (mode, level)
        case {"mode": mode}:
            return "mode " + str(mode)
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"
for m in [{"mode": "fast"}, {"mode": "fast", "b": 1, "a": 2}, {"mode": "slow", "level": 9},
          {"mode": "slow", "level": "9"}, {"x": 1}, {}, Config(), Config(mode="c"), [("mode", 1)]]:
    print(check(m))
d = {"a": 1, "b": 2, "c": 3}
match d:
    case {"a": 1, **others}:
        others["z"] = 0
        print(sorted(others.items()), sorted(d))
match {1: "int key", "1": "str key"}:
    case {1: v1, "1": v2}:
        print(v1, "|", v2)
match {True: "t"}:
    case {1: v}:
        print("1 matches True key:", v)
