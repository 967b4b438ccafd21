# argparse nargs: N, '?', '*', '+', REMAINDER and how positionals share strings
import argparse

p = argparse.ArgumentParser(prog="p")
p.add_argument("--two", nargs=2)
p.add_argument("--opt", nargs="?", const="C", default="D")
p.add_argument("--star", nargs="*")
p.add_argument("--plus", nargs="+", type=int)
print(p.parse_args([]))
print(p.parse_args(["--two", "a", "b", "--opt"]))
print(p.parse_args(["--opt", "x", "--star"]))
print(p.parse_args(["--star", "1", "2", "--plus", "3", "4"]))

q = argparse.ArgumentParser(prog="q")
q.add_argument("first")
q.add_argument("middle", nargs="*")
q.add_argument("last")
print(q.parse_args(["a", "b"]))
print(q.parse_args(["a", "b", "c", "d"]))

r = argparse.ArgumentParser(prog="r")
r.add_argument("x", nargs="?", default="dx")
r.add_argument("y", nargs="+")
print(r.parse_args(["1"]))
print(r.parse_args(["1", "2", "3"]))

s = argparse.ArgumentParser(prog="s")
s.add_argument("--flag", action="store_true")
s.add_argument("cmd")
s.add_argument("rest", nargs=argparse.REMAINDER)
print(s.parse_args(["run", "--flag", "-x", "y"]))
print(s.parse_args(["--flag", "run"]))

t = argparse.ArgumentParser(prog="t")
t.add_argument("pair", nargs=2, type=float)
t.add_argument("--m", nargs=2, metavar=("A", "B"))
print(t.parse_args(["1", "2.5", "--m", "u", "v"]))
print(t.format_usage(), end="")
print(argparse.ONE_OR_MORE, argparse.OPTIONAL, argparse.ZERO_OR_MORE,
      argparse.REMAINDER, argparse.PARSER, argparse.SUPPRESS)
