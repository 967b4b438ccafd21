# argparse subparsers: dispatch, dest, required, help listing, set_defaults per command
import argparse
import sys

p = argparse.ArgumentParser(prog="git")
p.add_argument("--verbose", action="store_true")
sub = p.add_subparsers(dest="command", help="sub-command help")
c = sub.add_parser("commit", help="record changes")
c.add_argument("-m", "--message", required=True)
c.set_defaults(func="do_commit")
a = sub.add_parser("add", help="add files", aliases=["stage"])
a.add_argument("paths", nargs="+")
a.set_defaults(func="do_add")
print(p.parse_args(["commit", "-m", "hello"]))
print(p.parse_args(["--verbose", "add", "x", "y"]))
print(p.parse_args(["stage", "z"]))
print(p.parse_args([]))
p.print_help()
print("---")
a.print_help()


def run(parser, args):
    try:
        print(parser.parse_args(args))
    except SystemExit as e:
        print("SystemExit", e.code)
    sys.stderr.flush()


run(p, ["push"])
run(p, ["commit"])
run(p, ["add", "f", "--bogus"])
run(p, ["commit", "-h"])
q = argparse.ArgumentParser(prog="q")
qs = q.add_subparsers(title="commands", description="pick one", required=True, dest="cmd")
qs.add_parser("go")
qs.add_parser("stop")
run(q, [])
q.print_help()
r = argparse.ArgumentParser(prog="r")
rs = r.add_subparsers()
rs.add_parser("x")
run(r, ["y"])
run(r, ["x"])
