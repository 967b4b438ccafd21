# argparse actions: const, true/false, append, count, extend, BooleanOptionalAction, custom
import argparse

p = argparse.ArgumentParser(prog="prog")
p.add_argument("--const", action="store_const", const=42)
p.add_argument("--t", action="store_true")
p.add_argument("--f", action="store_false")
p.add_argument("--app", action="append")
p.add_argument("--ac", action="append_const", const="C", dest="acs")
p.add_argument("--ad", action="append_const", const="D", dest="acs")
p.add_argument("-v", "--verbose", action="count", default=0)
p.add_argument("--ext", action="extend", nargs="+", type=int)
p.add_argument("--color", action=argparse.BooleanOptionalAction, default=True)
print(p.parse_args([]))
print(p.parse_args(["--const", "--t", "--f", "--app", "1", "--app", "2"]))
print(p.parse_args(["--ac", "--ad", "--ac", "-vvv", "--verbose"]))
print(p.parse_args(["--ext", "1", "2", "--ext", "3", "--no-color"]))
print(p.parse_args(["--color"]).color)


class Upper(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values.upper() + "!" + str(option_string))


q = argparse.ArgumentParser(prog="q")
act = q.add_argument("-w", "--word", action=Upper)
print(q.parse_args(["--word", "hi"]))
print(act)
print(type(act).__name__, act.dest, act.option_strings)
d = q.add_argument("--d", default=[1])
q.add_argument("--e", action="append", default=["x"])
ns = q.parse_args(["--e", "y"])
print(ns.e, q.get_default("e"))

v = argparse.ArgumentParser(prog="vv")
v.add_argument("--version", action="version", version="%(prog)s 1.2")
try:
    v.parse_args(["--version"])
except SystemExit as e:
    print("exit", e.code)
for bad in [dict(action="store", nargs=0), dict(action="append", nargs=0),
            dict(const=1, nargs=2), dict(action="nope")]:
    try:
        v.add_argument("--bad", **bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    v.add_argument("pos", required=True)
except TypeError as e:
    print("TypeError:", e)
try:
    v.add_argument("--version")
except argparse.ArgumentError as e:
    print("ArgumentError:", e)
w = argparse.ArgumentParser(prog="w", conflict_handler="resolve")
w.add_argument("-a", "--aa", help="old")
w.add_argument("--aa", help="new")
print([a.option_strings for a in w._actions])
