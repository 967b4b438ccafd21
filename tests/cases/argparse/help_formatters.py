# argparse formatter classes: RawDescription, RawText, ArgumentDefaults, MetavarType
import argparse

text = """first line
    indented second line

third paragraph"""
for cls in (argparse.HelpFormatter, argparse.RawDescriptionHelpFormatter,
            argparse.RawTextHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    p = argparse.ArgumentParser(prog="fmt", description=text, formatter_class=cls)
    p.add_argument("--opt", default=5, help="an option\n  with lines")
    p.add_argument("pos", nargs="?", default="P", help="a positional")
    p.add_argument("--none", help="no default")
    print(cls.__name__)
    p.print_help()
    print("===")
m = argparse.ArgumentParser(prog="m", formatter_class=argparse.MetavarTypeHelpFormatter)
m.add_argument("--n", type=int)
m.add_argument("x", type=float)
m.print_help()
