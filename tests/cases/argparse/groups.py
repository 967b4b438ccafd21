# argparse argument groups and mutually exclusive groups (usage, help, conflicts)
import argparse
import sys

p = argparse.ArgumentParser(prog="g")
io = p.add_argument_group("input/output", "Where data comes from and goes.")
io.add_argument("--in", dest="inp", help="input file")
io.add_argument("--out", help="output file")
ex = p.add_mutually_exclusive_group()
ex.add_argument("--fast", action="store_true", help="go fast")
ex.add_argument("--slow", action="store_true", help="go slow")
req = p.add_mutually_exclusive_group(required=True)
req.add_argument("--json", action="store_const", const="json", dest="fmt")
req.add_argument("--xml", action="store_const", const="xml", dest="fmt")
p.add_argument("target", nargs="?")
p.print_help()


def run(args):
    try:
        print(p.parse_args(args))
    except SystemExit as e:
        print("SystemExit", e.code)
    sys.stderr.flush()


run(["--json"])
run(["--xml", "--fast", "t", "--in", "a"])
run(["--json", "--fast", "--slow"])
run(["--json", "--xml"])
run([])
try:
    ex.add_argument("--must", required=True)
except ValueError as e:
    print("ValueError:", e)
parent = argparse.ArgumentParser(add_help=False)
parent.add_argument("--shared", default="s")
child = argparse.ArgumentParser(prog="child", parents=[parent])
child.add_argument("x")
print(child.parse_args(["1"]))
print(child.format_usage(), end="")
