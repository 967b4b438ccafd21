# argparse help wraps like textwrap: after hyphens between letters, long words cut
import argparse

f = lambda prog: argparse.HelpFormatter(prog, width=34)
p = argparse.ArgumentParser(prog="h", formatter_class=f,
                            description="a well-known state-of-the-art e-mail re-run tool")
p.add_argument("--x", help="long-winded hyphen-ated explanation of x-y things")
p.add_argument("--y", help="supercalifragilisticexpialidocious-antidisestablishment")
p.print_help()
