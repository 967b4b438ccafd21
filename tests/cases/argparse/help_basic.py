# argparse help: sections, alignment at column 24, wrapping, %(default)s, metavars, -h exits 0
import argparse

p = argparse.ArgumentParser(
    prog="frob",
    description="Frobnicate the widgets in the given files, one after another, "
    "reporting what was done along the way.",
    epilog="See the manual for more. %(prog)s is part of the toolkit.")
p.add_argument("files", nargs="+", help="the files to frobnicate")
p.add_argument("mode", choices=["fast", "slow"], help="how (one of %(choices)s)")
p.add_argument("-n", "--count", type=int, default=3,
               help="how many times to frobnicate each widget (default: %(default)s)")
p.add_argument("--very-long-option-name-here", metavar="VALUE",
               help="an option whose invocation is wider than the column")
p.add_argument("-q", action="store_true", help="quiet")
p.add_argument("--secret", help=argparse.SUPPRESS)
p.add_argument("--nohelp")
p.add_argument("--type", type=float, help="a %(type)s for %(dest)s in %(prog)s")
p.print_help()
print("---")
p.print_usage()
print("---")
print(repr(p.format_usage()))
try:
    p.parse_args(["-h"])
except SystemExit as e:
    print("exit", e.code)
q = argparse.ArgumentParser(prog="q", add_help=False, usage="%(prog)s [stuff]")
q.add_argument("x")
print(q.format_help(), end="")
e = argparse.ArgumentParser(prog="empty", add_help=False)
print(repr(e.format_help()))
