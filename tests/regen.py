#!/usr/bin/env python3
"""Regenerate the expected results of the case corpus with CPython.

Usage (from anywhere; it always runs the cases from the repository root):

    python3 tests/regen.py                 # every tests/cases/**/*.py
    python3 tests/regen.py tests/cases/ints/big_int_power.py ...
    python3 tests/regen.py tests/cases/errors   # every case in a folder

For each case `<name>.py` it runs `PYTHONHASHSEED=0 python3 tests/cases/.../<name>.py`
with stdin from /dev/null and the repository root as the working directory, then
writes `<name>.stdout` (always), `<name>.stderr` (only if non-empty) and
`<name>.status` (only if the exit status is non-zero), deleting stale
`.stderr` / `.status` files. Expected files whose `.py` is gone are reported
and removed too.

CPython 3.11 names the script in tracebacks and warnings by its absolute path
(the working directory joined with argv[0]). So that expected files do not
depend on where the repository is checked out, the repository-root prefix
("/path/to/repo/") is stripped from both streams; the test runner
(crates/ouro-cli/tests/cases.rs) strips it from the actual output the same way.
"""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "tests", "cases")
EXPECTED_EXTS = (".stdout", ".stderr", ".status")
TIMEOUT = 60


def all_cases(folder):
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".py"):
                found.append(os.path.join(dirpath, name))
    return found


def write_or_remove(path, data, keep):
    if keep:
        with open(path, "wb") as f:
            f.write(data)
    elif os.path.exists(path):
        os.remove(path)


def strip_root(data):
    """Remove the repository-root prefix from absolute paths in the output."""
    for root in {os.path.realpath(ROOT), ROOT}:
        data = data.replace(os.fsencode(root + os.sep), b"")
    return data


def regen(case):
    rel = os.path.relpath(case, ROOT)
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    # Keep the user's environment from changing what CPython prints.
    for var in ("PYTHONWARNINGS", "PYTHONSTARTUP", "PYTHONDONTWRITEBYTECODE",
                "PYTHONOPTIMIZE", "PYTHONINSPECT", "PYTHONUNBUFFERED"):
        env.pop(var, None)
    proc = subprocess.run(
        [sys.executable, rel],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
    )
    stdout = strip_root(proc.stdout)
    stderr = strip_root(proc.stderr)
    base = case[:-3]
    write_or_remove(base + ".stdout", stdout, True)
    write_or_remove(base + ".stderr", stderr, bool(stderr))
    status = proc.returncode
    write_or_remove(base + ".status", b"%d\n" % status, status != 0)
    return rel, status


def remove_orphans():
    for dirpath, _, filenames in os.walk(CASES):
        for name in filenames:
            base, ext = os.path.splitext(name)
            if ext in EXPECTED_EXTS and not os.path.exists(
                    os.path.join(dirpath, base + ".py")):
                path = os.path.join(dirpath, name)
                print("removing orphan", os.path.relpath(path, ROOT))
                os.remove(path)


def main(argv):
    if argv:
        cases = []
        for arg in argv:
            path = os.path.abspath(arg)
            if os.path.isdir(path):
                cases.extend(all_cases(path))
            elif path.endswith(".py") and os.path.isfile(path):
                cases.append(path)
            else:
                sys.exit("not a case file or folder: " + arg)
    else:
        cases = all_cases(CASES)
        remove_orphans()
    for case in cases:
        if not os.path.abspath(case).startswith(CASES + os.sep):
            sys.exit("not under tests/cases: " + case)
        rel, status = regen(case)
        print(rel if status == 0 else "%s (exit %d)" % (rel, status))
    print("regenerated %d case(s)" % len(cases))


if __name__ == "__main__":
    main(sys.argv[1:])
