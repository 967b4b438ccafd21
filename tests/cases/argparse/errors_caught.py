# argparse errors: usage and message on stderr, SystemExit(2) caught
import argparse
import sys

p = argparse.ArgumentParser(prog="prog")
p.add_argument("x")
p.add_argument("--n", type=int)
p.add_argument("-c", choices=["a", "b"])
p.add_argument("--two", nargs=2)
p.add_argument("--flag", action="store_true")
p.add_argument("--ffoo")
p.add_argument("--fbar")


def run(args):
    try:
        print(p.parse_args(args))
    except SystemExit as e:
        print("SystemExit", e.code)
    sys.stderr.flush()


run([])
run(["--n", "x", "1"])
run(["1", "2", "3"])
run(["1", "--n"])
run(["1", "-c", "z"])
run(["1", "--two", "a"])
run(["1", "--flag=yes"])
run(["1", "--f", "a"])
run(["1", "--zz"])
run(["--n", "4"])
p.exit(0) if False else None
try:
    p.error("custom message")
except SystemExit as e:
    print("SystemExit", e.code)
try:
    p.exit(3, "bye\n")
except SystemExit as e:
    print("SystemExit", e.code)
try:
    p.exit()
except SystemExit as e:
    print("SystemExit", e.code)


def even(s):
    n = int(s)
    if n % 2:
        raise argparse.ArgumentTypeError("%r is not even" % s)
    return n


q = argparse.ArgumentParser(prog="q", exit_on_error=False)
q.add_argument("--e", type=even)
q.add_argument("--i", type=int)
for args in (["--e", "3"], ["--i", "z"], ["--e"], ["--e", "4"]):
    try:
        print(q.parse_args(args))
    except argparse.ArgumentError as e:
        print("ArgumentError:", e, "|", e.argument_name, "|", e.message)
