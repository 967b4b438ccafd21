# argparse: a missing required argument ends the program with status 2
import argparse

p = argparse.ArgumentParser(prog="tool", description="Does things.")
p.add_argument("input")
p.add_argument("output")
p.add_argument("--level", type=int, default=1)
print("parsing")
print(p.parse_args(["only-one"]))
print("not reached")
